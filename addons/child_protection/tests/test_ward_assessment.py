"""Child-friendly communes and wards (Decision 06/2019/QĐ-TTg): the verdict, the workflow, who sees what, and the
plan indicator the assessments feed."""
from contextlib import nullcontext
from unittest.mock import patch

from psycopg2 import IntegrityError

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import mute_logger

from .common import ChildProtectionCase


class WardAssessmentCase(ChildProtectionCase):
    """The fixtures of child_protection plus the officer of Phường B; Phường A and B are "other" wards (850 points)
    unless a test says otherwise."""

    @classmethod
    def setUpClass(cls):
        super(WardAssessmentCase, cls).setUpClass()
        cls.ward_b_committee = cls.env["child.agency"].create({
            "name": "UBND phường B", "code": "UBND", "kind": "committee", "area_id": cls.ward_b.id})
        cls.ward_b_officer = cls._user("ward_b", "group_commune_officer", cls.ward_b_committee)
        cls.criteria = cls.env["child.ward.criterion"].search([])

    def create_assessment(self, ward=None, user=None, year=2030):
        """A draft assessment of ``ward`` (Phường A) created by ``user`` (its commune officer)."""
        return self.env["child.ward.assessment"].sudo(user or self.ward_officer).create(
            {"ward_id": (ward or self.ward_a).id, "year": year})

    def score(self, assessment, user=None, scores=None, unmet=()):
        """Score every criterion as ``user`` (the ward's officer) would in the form: its maximum unless ``scores``
        (criterion number: points) says otherwise, ticked as met unless its number is in ``unmet``."""
        scores = scores or {}
        assessment = assessment.sudo(user or self.ward_officer)
        assessment.write({"line_ids": [
            (1, line.id, {"score": scores.get(line.code, line.max_score), "met": line.code not in unmet})
            for line in assessment.line_ids]})
        return assessment

    def assessment(self, ward=None, user=None, scores=None, unmet=(), year=2030):
        return self.score(self.create_assessment(ward, user, year), user, scores, unmet)

    def scores_totalling(self, total):
        """Scores of every criterion, none at 0, that add up to ``total``; the biggest criteria give up points
        first."""
        deficit = sum(self.criteria.mapped("max_score")) - total
        scores = {}
        for criterion in self.criteria.sorted(key=lambda c: (-c.max_score, c.code)):
            cut = min(deficit, criterion.max_score - 10)
            scores[criterion.code] = criterion.max_score - cut
            deficit -= cut
        self.assertEqual(deficit, 0)
        return scores

    def criterion(self, code):
        return self.criteria.filtered(lambda c: c.code == code)

    def set_kind(self, ward, kind):
        ward.sudo(self.officer).write({"commune_kind": kind})


class TestWardAssessmentVerdict(WardAssessmentCase):

    def test_the_decisions_criteria_and_thresholds(self):
        self.assertEqual(self.criteria.mapped("code"), list(range(1, 14)))
        self.assertEqual(sum(self.criteria.mapped("max_score")), 1000)
        thresholds = self.env["child.ward.threshold"].search([])
        self.assertEqual({t.commune_kind: t.threshold for t in thresholds},
                         {"city_ward": 900, "hardship": 800, "other": 850})
        self.assertEqual(self.ward_a.commune_kind, "other")

    def test_a_line_per_criterion_at_create(self):
        defaults = self.env["child.ward.assessment"].sudo(self.ward_officer).default_get(["line_ids"])
        self.assertEqual([command[2]["criterion_id"] for command in defaults["line_ids"] if command[0] == 0],
                         self.criteria.ids)  # the form opens with the 13 criteria to score
        assessment = self.create_assessment()
        self.assertEqual(assessment.line_ids.mapped("code"), list(range(1, 14)))
        self.assertEqual((assessment.state, assessment.total_score, assessment.threshold), ("draft", 0, 850))
        self.assertFalse(assessment.is_recognised)
        self.assertIn("Criterion 1 (%s) is not met and scores 0." % self.criterion(1).name, assessment.shortfalls)

    def test_recognised_when_every_criterion_is_met_none_at_zero_and_the_total_reached(self):
        assessment = self.assessment()
        self.assertEqual(assessment.total_score, 1000)
        self.assertTrue(assessment.is_recognised)
        self.assertFalse(assessment.shortfalls)

    def test_a_criterion_not_met(self):
        assessment = self.assessment(unmet=(4,))
        self.assertFalse(assessment.is_recognised)
        self.assertEqual(assessment.shortfalls, "Criterion 4 (%s) is not met." % self.criterion(4).name)

    def test_a_criterion_at_zero(self):
        assessment = self.assessment(scores={2: 0})
        self.assertEqual(assessment.total_score, 1000 - self.criterion(2).max_score)
        self.assertFalse(assessment.is_recognised)
        self.assertEqual(assessment.shortfalls, "Criterion 2 (%s) scores 0." % self.criterion(2).name)

    def test_880_points_pass_for_850_and_800_but_not_for_900(self):
        assessment = self.assessment(scores=self.scores_totalling(880))
        self.assertEqual((assessment.total_score, assessment.threshold), (880, 850))
        self.assertTrue(assessment.is_recognised)
        self.set_kind(self.ward_a, "city_ward")
        self.assertEqual(assessment.threshold, 900)
        self.assertFalse(assessment.is_recognised)
        self.assertEqual(assessment.shortfalls, "Total: 880 points, under the 900 points needed (Ward of a "
                                                "centrally-run city).")
        self.set_kind(self.ward_a, "hardship")
        self.assertEqual(assessment.threshold, 800)
        self.assertTrue(assessment.is_recognised)

    def test_a_total_under_each_threshold(self):
        for year, kind, threshold in ((2031, "city_ward", 900), (2032, "other", 850), (2033, "hardship", 800)):
            self.set_kind(self.ward_a, kind)
            assessment = self.assessment(scores=self.scores_totalling(threshold - 1), year=year)
            self.assertFalse(assessment.is_recognised, kind)
            self.assertEqual(assessment.shortfalls, "Total: %s points, under the %s points needed (%s)." % (
                threshold - 1, threshold, dict(self.ward_a._fields["commune_kind"].selection)[kind]))
            self.score(assessment, scores=self.scores_totalling(threshold))
            self.assertTrue(assessment.is_recognised, kind)

    def test_thresholds_are_data(self):
        assessment = self.assessment(scores=self.scores_totalling(860))
        self.assertTrue(assessment.is_recognised)
        self.env.ref("child_protection.child_ward_threshold_other").sudo(self.officer).write({"threshold": 870})
        self.assertEqual(assessment.threshold, 870)
        self.assertFalse(assessment.is_recognised)

    def test_score_over_the_maximum_is_refused(self):
        assessment = self.assessment(scores={1: 80})
        line = assessment.line_ids.filtered(lambda l: l.code == 1)
        with self.assertRefused(ValidationError, "Score:", "criterion 1", "scores 120", "maximum of 100 points"):
            assessment.write({"line_ids": [(1, line.id, {"score": 120})]})
        with self.assertRefused(ValidationError, "Score:", "criterion 1", "below 0"):
            line.sudo(self.ward_officer).write({"score": -5})
        self.assertEqual((line.score, assessment.total_score), (80, 980))

    def test_one_assessment_per_ward_and_year(self):
        first = self.create_assessment()
        with self.assertRaises(IntegrityError) as caught, mute_logger("odoo.sql_db"):
            with self.env.cr.savepoint():
                self.create_assessment()
        self.assertIn("ward_year_unique", str(caught.exception))
        self.assertEqual(self.env["child.ward.assessment"].search([("ward_id", "=", self.ward_a.id)]), first)
        self.assertTrue(self.create_assessment(year=2031))

    def test_only_communes_and_wards_are_assessed(self):
        with self.assertRefused(ValidationError, "Commune / ward:", "Huyện Thử", "not a commune or ward"):
            self.create_assessment(ward=self.district, user=self.officer)


class TestWardAssessmentWorkflow(WardAssessmentCase):

    def test_the_ward_submits_and_the_district_assesses(self):
        assessment = self.assessment()
        assessment.action_submit()
        self.assertEqual((assessment.state, assessment.submitted_by_id), ("submitted", self.ward_officer))
        with self.assertRefused(UserError, "Score", "is Submitted", "only as a draft"):
            assessment.line_ids[0].write({"score": 1})
        with self.assertRefused(AccessError, "only a Plan officer"):
            assessment.action_assess()
        with self.assertRefused(AccessError, "only a Plan officer"):
            assessment.action_draft()
        as_officer = assessment.sudo(self.officer)
        as_officer.action_assess()
        self.assertEqual((as_officer.state, as_officer.assessed_by_id), ("assessed", self.officer))
        with self.assertRefused(UserError, "Criteria", "is Assessed"):
            as_officer.write({"line_ids": [(1, assessment.line_ids[0].id, {"score": 1})]})
        as_officer.action_draft()
        self.assertEqual((assessment.state, assessment.assessed_by_id.id), ("draft", False))
        self.score(assessment, scores={3: 90})
        self.assertEqual(assessment.total_score, 990)

    def test_a_leader_assesses_and_sends_back(self):
        assessment = self.assessment()
        assessment.action_submit()
        assessment.sudo(self.leader).action_draft()
        assessment.action_submit()
        assessment.sudo(self.leader).action_assess()
        self.assertEqual(assessment.state, "assessed")

    def test_only_the_wards_own_officer_submits(self):
        assessment = self.assessment()
        for user in (self.officer, self.leader):
            with self.assertRefused(AccessError, "only the commune officer of Phường A"):
                assessment.sudo(user).action_submit()
        with self.assertRefused(AccessError):
            assessment.sudo(self.ward_b_officer).action_submit()
        self.assertEqual(assessment.state, "draft")

    def test_no_state_skipped_nor_written_directly(self):
        assessment = self.assessment()
        with self.assertRefused(UserError, "is Draft", "cannot become Assessed"):
            assessment.sudo(self.officer).action_assess()
        with self.assertRefused(UserError, "is Draft", "cannot become Assessed"):
            assessment.write({"state": "assessed"})
        with self.assertRefused(UserError, "Meets the standard", "cannot be written"):
            assessment.write({"is_recognised": True})
        with self.assertRefused(UserError, "Assessed by", "set by the workflow"):
            assessment.write({"assessed_by_id": self.officer.id})
        with self.assertRefused(UserError, "State:", "set by the workflow"):
            self.env["child.ward.assessment"].sudo(self.ward_officer).create(
                {"ward_id": self.ward_a.id, "year": 2031, "state": "assessed"})
        self.assertEqual(assessment.state, "draft")

    def test_only_drafts_are_deleted(self):
        assessment = self.assessment()
        assessment.action_submit()
        with self.assertRefused(UserError, "only a draft assessment can be deleted"):
            assessment.sudo(self.officer).unlink()
        with self.assertRefused(AccessError):
            assessment.sudo(self.ward_officer).unlink()


class TestWardAssessmentAccess(WardAssessmentCase):

    def setUp(self):
        super(TestWardAssessmentAccess, self).setUp()
        self.own = self.assessment()
        self.other = self.assessment(self.ward_b, self.ward_b_officer)
        self.ours = [("ward_id", "in", (self.ward_a | self.ward_b).ids)]  # not the demo data's, if installed

    def test_a_commune_officer_sees_and_edits_their_ward_only(self):
        Assessment = self.env["child.ward.assessment"].sudo(self.ward_officer)
        self.assertEqual(Assessment.search([]), self.own)
        self.assertEqual(self.env["child.ward.assessment.line"].sudo(self.ward_officer).search([]),
                         self.own.line_ids)
        other = self.other.sudo(self.ward_officer)
        with self.assertRefused(AccessError):
            other.read(["total_score"])
        with self.assertRefused(AccessError):
            self.other.line_ids.sudo(self.ward_officer).write({"score": 1})
        with self.assertRefused(AccessError):
            self.create_assessment(self.ward_b, year=2031)
        self.score(self.own, scores={5: 60})
        self.assertEqual(self.own.total_score, 960)
        self.assertEqual(self.other.total_score, 1000)

    def test_viewers_read_every_ward_and_change_nothing(self):
        for user in (self.viewer, self.finance):
            self.assertEqual(self.env["child.ward.assessment"].sudo(user).search(self.ours), self.own | self.other)
            with self.assertRefused(AccessError):
                self.own.sudo(user).line_ids[0].write({"score": 1})
            with self.assertRefused(AccessError):
                self.create_assessment(self.ward_a, user, year=2031)

    def test_the_plan_office_sees_every_ward(self):
        for user in (self.officer, self.leader):
            self.assertEqual(self.env["child.ward.assessment"].sudo(user).search(self.ours), self.own | self.other)

    def test_focal_points_see_none(self):
        with self.assertRefused(AccessError):
            self.env["child.ward.assessment"].sudo(self.focal).search([])

    def test_menu_follows_the_role(self):
        menu = self.env.ref("child_protection.child_ward_assessment_menu")
        Menu = self.env["ir.ui.menu"]
        for user in (self.ward_officer, self.viewer, self.officer, self.leader):
            self.assertIn(menu, Menu.sudo(user).search([("id", "=", menu.id)]), user.login)
        self.assertFalse(Menu.sudo(self.focal).search([("id", "=", menu.id)]))

    def test_views_load(self):
        for user in (self.ward_officer, self.officer):
            for model, kinds in (("child.ward.assessment", ("form", "tree", "search")),
                                 ("child.ward.criterion", ("tree", "search")), ("child.ward.threshold", ("tree",)),
                                 ("child.area", ("form",)), ("child.plan", ("form",))):
                for kind in kinds:
                    arch = self.env[model].sudo(user).fields_view_get(view_type=kind)["arch"]
                    self.assertTrue(arch, "%s %s" % (model, kind))
        form = self.env["child.plan"].sudo(self.officer).fields_view_get(view_type="form")
        self.assertIn("source", form["fields"]["indicator_ids"]["views"]["tree"]["fields"])


class TestWardIndicator(WardAssessmentCase):
    """An issued 2030 plan of the district whose "x of 2 wards" indicator is counted from the assessments. The plan
    is issued without rendering its document (child_reports), which the count does not need."""

    def setUp(self):
        super(TestWardIndicator, self).setUp()
        plan_class = type(self.env["child.plan"])
        no_rendering = (patch.object(plan_class, "_freeze_document", lambda plan: plan.env["child.document"])
                        if hasattr(plan_class, "_freeze_document") else nullcontext())
        with no_rendering:
            self.plan = self.issue(self.make_plan(indicator_ids=[
                (0, 0, {"name": "Phường phù hợp với trẻ em", "unit": "ratio", "target": 2, "target_total": 2,
                        "source": "child_friendly_wards"}),
                (0, 0, {"name": "Trẻ em tham gia", "unit": "percent", "target": 85})]))
        self.wards_indicator, self.entered = self.plan.indicator_ids

    def test_the_indicator_counts_the_assessed_wards_that_meet_the_standard(self):
        indicator = self.wards_indicator.sudo(self.viewer)
        ward_a = self.assessment()
        ward_b = self.assessment(self.ward_b, self.ward_b_officer, scores={5: 0})
        ward_a.action_submit()
        ward_b.action_submit()
        self.assertEqual(indicator.result_display, "0/2")  # submitted is not assessed
        ward_a.sudo(self.officer).action_assess()
        ward_b.sudo(self.officer).action_assess()
        self.assertEqual((indicator.result_display, indicator.achievement, indicator.is_met), ("1/2", 50.0, False))
        # the same ward another year, and a commune outside the district, do not count
        next_year = self.assessment(year=2031)
        next_year.action_submit()
        next_year.sudo(self.officer).action_assess()
        outside = self.assessment(self.elsewhere, self.officer)
        outside.sudo().action_submit()  # no officer of its own in the fixtures: the superuser acts for the commune
        outside.sudo(self.officer).action_assess()
        self.assertTrue(next_year.is_recognised and outside.is_recognised)
        self.assertEqual(indicator.result_display, "1/2")
        # Phường B corrects its scores and is assessed again
        ward_b.sudo(self.officer).action_draft()
        self.score(ward_b, self.ward_b_officer)
        ward_b.action_submit()
        ward_b.sudo(self.leader).action_assess()
        self.assertEqual((indicator.result_display, indicator.achievement, indicator.is_met), ("2/2", 100.0, True))
        self.assertEqual(self.plan.indicator_met_count, 1)
        ward_a.sudo(self.officer).action_draft()
        self.assertEqual(indicator.result_display, "1/2")

    def test_recount_on_demand(self):
        self.env["child.ward.assessment"].create({"ward_id": self.ward_a.id, "year": 2030})
        self.wards_indicator.sudo(self.officer).action_refresh_result()
        self.assertEqual(self.wards_indicator.result_display, "0/2")
        with self.assertRefused(UserError, "Result from:", "entered, not counted"):
            self.entered.sudo(self.officer).action_refresh_result()

    def test_a_change_of_kind_or_threshold_recounts(self):
        assessment = self.assessment(scores=self.scores_totalling(880))
        assessment.action_submit()
        assessment.sudo(self.officer).action_assess()
        self.assertEqual(self.wards_indicator.result_display, "1/2")
        self.set_kind(self.ward_a, "city_ward")
        self.assertEqual(self.wards_indicator.result_display, "0/2")
        self.env.ref("child_protection.child_ward_threshold_city_ward").sudo(self.officer).write({"threshold": 880})
        self.assertEqual(self.wards_indicator.result_display, "1/2")
