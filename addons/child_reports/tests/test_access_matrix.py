"""Who may read, write, create and delete what: every role against every model of the suite, in one table.

The table is the reference for the access rights (``security/ir.model.access.csv`` of the three addons): one run
of ``test_every_cell`` lists every cell that differs from it, and a new model without a row fails
``test_every_model_has_a_row``. The cases below it check the record rules that scope what a role reads.
"""
from contextlib import contextmanager
from unittest.mock import patch

from odoo.exceptions import AccessError

from odoo.addons.child_events.tests.common import ChildEventCase
from odoo.addons.child_protection.tests.allowance_common import AllowanceCase

ADDONS = ("child_protection", "child_events", "child_reports")

#: The columns of the table: one user per role, who holds that group only (and what it implies); the Settings
#: administrator is an internal user too (in 11.0 Settings does not imply it), with no role of the suite.
ROLES = (
    ("user", "child_protection.group_user"),
    ("viewer", "child_protection.group_viewer"),
    ("focal", "child_protection.group_focal_point"),        # of Phòng Tư pháp
    ("commune", "child_protection.group_commune_officer"),  # of the committee of Phường A
    ("finance", "child_protection.group_finance_officer"),
    ("officer", "child_protection.group_plan_officer"),
    ("leader", "child_protection.group_leader"),
    ("organiser", "child_events.group_event_organiser"),
    ("admin", "base.group_user,base.group_system"),
)

OPERATIONS = (("r", "read"), ("w", "write"), ("c", "create"), ("u", "unlink"))

# r read, w write, c create, u unlink (delete), - nothing. Implied groups count: a leader is also a plan officer and a
# viewer, a commune officer a focal point, a finance officer a viewer; every role is a user.
MATRIX = {
    #                                       user  viewer focal  commune finance officer leader organiser admin
    # child_protection: the organisation, read by every internal user, kept by the plan office
    "child.area":                          ("r",  "r",   "r",   "r",    "r",    "rwcu", "rwcu", "r",     "r"),
    "child.agency":                        ("r",  "r",   "r",   "r",    "r",    "rwcu", "rwcu", "r",     "r"),
    # the plans and their content: read by every role (issued plans only, by rule), kept by the plan office
    "child.plan":                          ("r",  "r",   "r",   "r",    "r",    "rwcu", "rwcu", "r",     "-"),
    "child.plan.legal.basis":              ("r",  "r",   "r",   "r",    "r",    "rwcu", "rwcu", "r",     "-"),
    "child.plan.section":                  ("r",  "r",   "r",   "r",    "r",    "rwcu", "rwcu", "r",     "-"),
    "child.plan.recipient":                ("r",  "r",   "r",   "r",    "r",    "rwcu", "rwcu", "r",     "-"),
    "child.plan.indicator":                ("r",  "r",   "r",   "r",    "r",    "rwcu", "rwcu", "r",     "-"),
    "child.plan.indicator.result":         ("r",  "r",   "r",   "r",    "r",    "rwcu", "rwcu", "r",     "-"),
    "child.report.calendar":               ("r",  "r",   "r",   "r",    "r",    "rwcu", "rwcu", "r",     "-"),
    "child.report.calendar.line":          ("r",  "r",   "r",   "r",    "r",    "rwcu", "rwcu", "r",     "-"),
    # the agencies' work: a focal point reports on their agency's (by rule); updates are never rewritten
    "child.plan.task":                     ("-",  "r",   "rw",  "rw",   "r",    "rwcu", "rwcu", "-",     "-"),
    "child.plan.task.update":              ("-",  "r",   "rc",  "rc",   "r",    "rcu",  "rcu",  "-",     "-"),
    "child.report.obligation":             ("-",  "r",   "rw",  "rw",   "r",    "rwcu", "rwcu", "-",     "-"),
    # allowances, money and the collaborators' personal data: finance keeps them, a commune officer keeps their
    # ward's collaborators and records receipts (by rule), a leader reads; nobody else sees them
    "child.collaborator":                  ("-",  "-",   "-",   "rwc",  "rwcu", "-",    "r",    "-",     "-"),
    "child.base.wage":                     ("-",  "-",   "-",   "r",    "rwcu", "-",    "r",    "-",     "-"),
    "child.allowance.policy":              ("-",  "-",   "-",   "r",    "rwcu", "-",    "r",    "-",     "-"),
    "child.allowance.sheet":               ("-",  "-",   "-",   "rw",   "rwcu", "-",    "r",    "-",     "-"),
    "child.allowance.line":                ("-",  "-",   "-",   "rw",   "rwcu", "-",    "r",    "-",     "-"),
    "child.allowance.reconciliation":      ("-",  "-",   "-",   "-",    "rwcu", "-",    "r",    "-",     "-"),
    "child.allowance.reconciliation.ward": ("-",  "-",   "-",   "-",    "rwcu", "-",    "r",    "-",     "-"),
    "child.allowance.discrepancy":         ("-",  "-",   "-",   "-",    "rwcu", "-",    "r",    "-",     "-"),
    # child-friendly wards: the Decision's criteria and thresholds are read by every role and kept by the plan office;
    # a commune officer scores and submits their ward's assessment (by rule), the plan office assesses, viewers read
    "child.ward.criterion":                ("r",  "r",   "r",   "r",    "r",    "rwcu", "rwcu", "r",     "-"),
    "child.ward.threshold":                ("r",  "r",   "r",   "r",    "r",    "rwcu", "rwcu", "r",     "-"),
    "child.ward.assessment":               ("-",  "r",   "-",   "rwc",  "r",    "rwcu", "rwcu", "-",     "-"),
    "child.ward.assessment.line":          ("-",  "r",   "-",   "rwc",  "r",    "rwcu", "rwcu", "-",     "-"),
    # child_events: organisers run events; a leader approves events and budget revisions
    "child.event":                         ("r",  "r",   "r",   "r",    "r",    "r",    "rw",   "rwcu",  "-"),
    "child.event.ward":                    ("r",  "r",   "r",   "r",    "r",    "r",    "r",    "rwcu",  "-"),
    "child.event.budget.line":             ("r",  "r",   "r",   "r",    "r",    "r",    "r",    "rwcu",  "-"),
    "child.event.budget.revision":         ("r",  "r",   "r",   "r",    "r",    "r",    "rw",   "rcu",   "-"),
    "child.event.gift":                    ("r",  "r",   "r",   "r",    "r",    "r",    "r",    "rwcu",  "-"),
    # children's names: the organisers, and a commune officer for their ward (by rule); no one else
    "child.event.recipient":               ("-",  "-",   "-",   "r",    "-",    "-",    "-",    "rwcu",  "-"),
    # child_reports: an issued document is never changed nor deleted; certificates are kept by the administrators,
    # leaders read their metadata (the keys and passwords are readable by no one)
    "child.document":                      ("r",  "r",   "r",   "r",    "r",    "r",    "r",    "r",     "-"),
    "child.signing.certificate":           ("-",  "-",   "-",   "-",    "-",    "-",    "r",    "-",     "rwcu"),
    "child.plan.report":                   ("-",  "r",   "-",   "-",    "r",    "rwcu", "rwcu", "-",     "-"),
    # Circular 13 statistics: the catalogue is read by every role and kept by the plan office; a commune officer
    # keeps their ward's figures (by rule), the viewers read every ward's, the plan office corrects them
    "child.stat.indicator":                ("r",  "r",   "r",   "r",    "r",    "rwcu", "rwcu", "r",     "-"),
    "child.stat.report":                   ("-",  "r",   "-",   "rwc",  "r",    "rwcu", "rwcu", "-",     "-"),
    "child.stat.report.line":              ("-",  "r",   "-",   "rwc",  "r",    "rwcu", "rwcu", "-",     "-"),
}


@contextmanager
def no_document_rendering(env):
    """Issue plans without rendering and storing their PDF: access rights do not depend on it, and it is slow."""
    with patch.object(type(env["child.plan"]), "_freeze_document", lambda plan: plan.env["child.document"]):
        yield


class TestAccessMatrix(ChildEventCase, AllowanceCase):
    """The fixtures of child_protection, its allowances and child_events (no demo data), plus a user with the base
    role only and a Settings administrator."""

    @classmethod
    def setUpClass(cls):
        super(TestAccessMatrix, cls).setUpClass()
        cls.user = cls._role_user("user", cls._groups("child_protection.group_user"))
        cls.admin = cls._role_user("admin", cls._groups("base.group_user,base.group_system"))
        fixtures = {"viewer": cls.viewer, "focal": cls.focal, "commune": cls.ward_officer, "finance": cls.finance,
                    "officer": cls.officer, "leader": cls.leader, "organiser": cls.organiser}
        cls.role_users = dict(fixtures, user=cls.user, admin=cls.admin)

    @classmethod
    def _groups(cls, xmlids):
        return cls.env["res.groups"].union(*(cls.env.ref(xmlid) for xmlid in xmlids.split(",")))

    @classmethod
    def _role_user(cls, login, groups):
        return cls.env["res.users"].create({
            "name": "Test %s" % login, "login": "test_matrix_%s" % login, "lang": "en_US",
            "email": "matrix_%s@example.org" % login, "groups_id": [(6, 0, groups.ids)],
        })

    def setUp(self):
        with no_document_rendering(self.env):
            super(TestAccessMatrix, self).setUp()  # issues self.plan

    # The table ------------------------------------------------------------------------------------------------

    def test_role_users_hold_their_role_only(self):
        for role, xmlids in ROLES:
            groups = self._groups(xmlids)
            self.assertEqual(self.role_users[role].groups_id, groups | groups.mapped("trans_implied_ids"), role)

    def test_every_cell(self):
        mismatches, checked = [], 0
        for model, row in sorted(MATRIX.items()):
            if model not in self.env:
                mismatches.append(("-", model, "-", "a model", "none"))
                continue
            for (role, _group), letters in zip(ROLES, row):
                records = self.env[model].sudo(self.role_users[role])
                for letter, operation in OPERATIONS:
                    expected = letter in letters
                    got = records.check_access_rights(operation, raise_exception=False)
                    checked += 1
                    if got != expected:
                        mismatches.append((role, model, operation, expected, got))
        if mismatches:
            lines = ["%-10s %-36s %-7s expected %-5s got %s" % cell for cell in mismatches]
            self.fail("%d of %d cells differ from the access matrix:\n%s" % (
                len(mismatches), checked, "\n".join(lines)))

    def test_every_model_has_a_row(self):
        Data = self.env["ir.model.data"]
        reflected = Data.search([("model", "=", "ir.model"), ("module", "in", ADDONS)])
        # res.users and the like: models of other modules the suite only extends
        extended = Data.search([("model", "=", "ir.model"), ("module", "not in", ADDONS),
                                ("res_id", "in", reflected.mapped("res_id"))])
        names = self.env["ir.model"].browse(sorted(set(reflected.mapped("res_id")) - set(extended.mapped("res_id"))))
        suite = {name for name in names.mapped("model")
                 if not (self.env[name]._abstract or self.env[name]._transient)}
        self.assertTrue(suite, "no model of the suite found")
        missing, foreign = sorted(suite - set(MATRIX)), sorted(set(MATRIX) - suite)
        self.assertFalse(missing or foreign, "models of the suite without a row in MATRIX: %s; rows of MATRIX that "
                                             "are not a model of the suite: %s" % (missing, foreign))
        letters = "".join(letter for letter, _operation in OPERATIONS)
        for model, row in MATRIX.items():
            self.assertEqual(len(row), len(ROLES), model)
            for cell in row:
                self.assertTrue(cell == "-" or (cell and set(cell) <= set(letters) and len(set(cell)) == len(cell)),
                                "%s: %r is not a cell (letters %s, or - for nothing)" % (model, cell, letters))

    # What the record rules scope ------------------------------------------------------------------------------

    def test_focal_point_reads_their_agency_tasks_only(self):
        own = self.make_task(self.plan, self.justice, name="Khai sinh")
        other = self.make_task(self.plan, self.health, name="Khám bệnh")
        Task = self.env["child.plan.task"].sudo(self.focal)
        self.assertEqual(Task.search([("id", "in", (own | other).ids)]), own)
        with self.assertRefused(AccessError):
            other.sudo(self.focal).read(["name"])

    def test_commune_officer_reads_their_ward_only(self):
        sheets = self.generate("2030-04-01")
        ward_b_sheet = sheets.filtered(lambda sheet: sheet.area_id == self.ward_b)
        self.assertTrue(ward_b_sheet)
        officer = self.ward_officer
        collaborators = self.an | self.binh | self.cuong
        self.assertEqual(self.env["child.collaborator"].sudo(officer).search([("id", "in", collaborators.ids)]),
                         self.an | self.binh)
        self.assertEqual(self.env["child.allowance.sheet"].sudo(officer).search(
            [("id", "in", sheets.ids)]).mapped("area_id"), self.ward_a)
        with self.assertRefused(AccessError):
            ward_b_sheet.sudo(officer).read(["planned_total"])
        with self.assertRefused(AccessError):
            self.cuong.sudo(officer).read(["name"])

    def test_children_names_hidden_from_viewer_and_focal_point(self):
        event, _line, gift = self.running_event()
        child_a = self.add_recipient(gift, self.ward_a, "Trẻ Phường A")
        self.add_recipient(gift, self.ward_b, "Trẻ Phường B")
        for user in (self.viewer, self.focal):
            with self.assertRefused(AccessError):
                self.env["child.event.recipient"].sudo(user).search([("event_id", "=", event.id)])
            with self.assertRefused(AccessError):
                child_a.sudo(user).read(["child_name"])
            self.assertNotIn("recipient_ids", gift.sudo(user).fields_get())
            self.assertNotIn("Trẻ Phường", event.sudo(user).settlement_html)
        # the commune officer of ward A reads ward A's children only
        self.assertEqual(self.env["child.event.recipient"].sudo(self.ward_officer).search(
            [("event_id", "=", event.id)]), child_a)

    def test_money_hidden_from_roles_that_do_not_pay(self):
        sheet = self.generate("2030-04-01", area=self.ward_a)
        run = self.env["child.allowance.reconciliation"].sudo(self.finance).create({
            "area_id": self.district.id, "period_type": "month", "year": 2030, "period_number": 4})
        run.action_run()
        for user in (self.viewer, self.focal, self.officer, self.organiser):
            with self.assertRefused(AccessError):
                sheet.sudo(user).read(["planned_total"])
            with self.assertRefused(AccessError):
                sheet.line_ids[:1].sudo(user).read(["planned_amount"])
            with self.assertRefused(AccessError):
                run.sudo(user).read(["line_count"])
        # the commune officer sees their ward's sheet but not the reconciliation of the district
        self.assertEqual(sheet.sudo(self.ward_officer).planned_total, sheet.planned_total)
        with self.assertRefused(AccessError):
            run.sudo(self.ward_officer).read(["line_count"])
