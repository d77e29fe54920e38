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


class RoleUsersCase(ChildEventCase, AllowanceCase):
    """The fixtures of child_protection, its allowances and child_events (no demo data), plus a user with the base
    role only and a Settings administrator."""

    @classmethod
    def setUpClass(cls):
        super(RoleUsersCase, cls).setUpClass()
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
            super(RoleUsersCase, self).setUp()  # issues self.plan


class TestAccessMatrix(RoleUsersCase):

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


#: Restricted data and the roles that must not see it (every way in is refused) and that may (every way works):
#: the identity number (a field with groups on a model the leader reads), children's names and allowance amounts
#: (models only some roles read). ``via``: a model and a relational field that reach it, for paths.
RESTRICTED = {
    "identity number": {
        "model": "child.collaborator", "field": "identity_number", "via": ("child.allowance.line", "collaborator_id"),
        "denied": ("user", "viewer", "focal", "officer", "leader", "organiser", "admin"),
        "allowed": ("finance", "commune"),
    },
    "children's names": {
        "model": "child.event.recipient", "field": "child_name", "via": ("child.event", "recipient_ids"),
        "denied": ("user", "viewer", "focal", "finance", "officer", "leader"),
        "allowed": ("organiser", "commune"),
    },
    "allowance amounts": {
        "model": "child.allowance.line", "field": "planned_amount", "via": ("child.allowance.sheet", "line_ids"),
        "denied": ("user", "viewer", "focal", "officer", "organiser", "admin"),
        "allowed": ("finance", "commune", "leader"),
    },
}


def _ways_in(env, model, field, value, via_model, via_field, records, via_records):
    """Every way a client can reach ``field``: name -> a call as the environment's user. Each returns what it
    found, for the roles that may."""
    Model, Via = env[model], env[via_model]
    path = "%s.%s" % (via_field, field)
    return (
        ("read", lambda: records.read([field])),
        ("search", lambda: Model.search([(field, "=", value)])),
        ("search_count", lambda: Model.search_count([(field, "=", value)])),
        ("search through a path", lambda: Via.search([(path, "=", value)])),
        ("read_group by it", lambda: Model.read_group([], [field], [field])),
        ("read_group totals", lambda: Model.read_group([], [field, "create_uid"], ["create_uid"])),
        ("export", lambda: records.export_data([field])["datas"]),
        ("export through a path", lambda: via_records.export_data([path.replace(".", "/")])["datas"]),
        ("order", lambda: Model.search([], order="%s desc" % field)),
        ("name_search", lambda: Model.name_search("", args=[(field, "=", value)])),
        ("name_search through a path", lambda: Via.name_search("", args=[(path, "=", value)])),
    )


class TestRestrictedFields(RoleUsersCase):
    """A restricted field stays restricted through read, search (also through a path from another model),
    read_group, export, order, related fields and name_search: ``child_protection/models/child_field_access.py``."""

    def _restricted_records(self):
        """What each kind of restricted data is, here: its records, a value of it, and the records that reach it."""
        sheet = self.generate("2030-04-01", area=self.ward_a)
        line = self.line(sheet, self.an)
        _event, _line, gift = self.running_event()
        event = gift.event_id
        child = self.add_recipient(gift, self.ward_a, "Trẻ Phường A")
        return {
            "identity number": (self.an, "001200000001", line),
            "children's names": (child, "Trẻ Phường A", event),
            "allowance amounts": (line, line.planned_amount, sheet),
        }

    def test_every_way_in(self):
        found = self._restricted_records()
        leaks, refused = [], []
        for kind, spec in sorted(RESTRICTED.items()):
            records, value, via_records = found[kind]
            via_model, via_field = spec["via"]
            for role in spec["denied"] + spec["allowed"]:
                user = self.role_users[role]
                env = self.env(user=user.id)
                ways = _ways_in(env, spec["model"], spec["field"], value, via_model, via_field,
                                records.sudo(user), via_records.sudo(user))
                for way, call in ways:
                    try:
                        with self.env.cr.savepoint():
                            result = call()
                    except AccessError:
                        result = AccessError
                    self.env.clear()
                    if role in spec["denied"] and result is not AccessError:
                        leaks.append((kind, role, way, repr(result)[:60]))
                    elif role in spec["allowed"] and (result is AccessError or (way.startswith("search")
                                                                                 and not result)):
                        refused.append((kind, role, way))
        self.assertFalse(leaks, "restricted data reached a role that must not see it:\n%s" % "\n".join(
            "%-18s %-10s %-28s %s" % leak for leak in leaks))
        self.assertFalse(refused, "a role that may see the data was refused:\n%s" % "\n".join(
            "%-18s %-10s %s" % cell for cell in refused))

    def test_refusal_names_the_field_and_the_way(self):
        Line = self.env["child.allowance.line"].sudo(self.leader)
        with self.assertRefused(AccessError, "Identity number", "search on"):
            Line.search([("collaborator_id.identity_number", "=", "001200000001")])
        with self.assertRefused(AccessError, "Identity number", "group by"):
            self.env["child.collaborator"].sudo(self.leader).read_group([], ["area_id"], ["identity_number"])
        with self.assertRefused(AccessError, "Identity number", "sort by"):
            self.env["child.collaborator"].sudo(self.leader).search([], order="identity_number")
        with self.assertRefused(AccessError, "Identity number", "export"):
            self.an.sudo(self.leader).export_data(["name", "identity_number"])

    def test_name_search_does_not_match_on_the_number(self):
        Collaborator = self.env["child.collaborator"]
        self.assertFalse(Collaborator.sudo(self.leader).name_search("001200000001"))
        Line = self.env["child.allowance.line"].sudo(self.leader)  # no name: a search by name finds every line
        self.assertEqual(Line.name_search("001200000001"), Line.name_search("no such number"))
        self.assertNotIn("001200000001", str(self.an.sudo(self.leader).name_get()))

    def test_read_group_of_every_field_leaves_the_number_out(self):
        groups = self.env["child.collaborator"].sudo(self.leader).read_group([], [], ["area_id"])
        self.assertTrue(groups)
        self.assertFalse([group for group in groups if "identity_number" in group])

    def test_related_field_is_restricted_like_its_source(self):
        """A related field that copies the identity number (read as the superuser, as Odoo reads related fields) is
        denied where its source is: in read, fields_get, search and export."""
        Line = self.env["child.allowance.line"]
        field = Line._fields["collaborator_code"]
        sheet = self.generate("2030-04-01", area=self.ward_a)
        line = self.line(sheet, self.an)
        source = field.related
        field.related = ("collaborator_id", "identity_number")  # as if it copied the number
        self.env["child.allowance.line"].invalidate_cache()
        try:
            self.assertNotIn("collaborator_code", Line.sudo(self.leader).fields_get())
            self.assertNotIn("collaborator_code", line.sudo(self.leader).read()[0])
            with self.assertRefused(AccessError, "Code"):
                line.sudo(self.leader).read(["collaborator_code"])
            with self.assertRefused(AccessError, "Code"):
                Line.sudo(self.leader).search([("collaborator_code", "=", "001200000001")])
            with self.assertRefused(AccessError, "Code"):
                line.sudo(self.leader).export_data(["collaborator_code"])
            self.assertIn("collaborator_code", Line.sudo(self.finance).fields_get())
            self.assertIn("collaborator_code", line.sudo(self.finance).read(["collaborator_code"])[0])
            self.assertTrue(Line.sudo(self.finance).search([("collaborator_code", "!=", False)]))
        finally:
            field.related = source

    def test_related_fields_of_the_suite_carry_their_source_groups(self):
        """Every related field whose path crosses a field with groups has those groups too, so that views leave
        it out for those who may not read it (the check above refuses it anyway)."""
        missing = []
        for name in self.env.registry.models:
            if not name.startswith("child."):
                continue
            Model = self.env[name]
            for field in Model._fields.values():
                if not field.related:
                    continue
                model, groups = Model, set()
                for hop in field.related:
                    source = model._fields[hop]
                    groups.update(filter(None, (source.groups or "").split(",")))
                    if not source.relational:
                        break
                    model = self.env[source.comodel_name]
                if groups - set(filter(None, (field.groups or "").split(","))):
                    missing.append("%s.%s" % (name, field.name))
        self.assertFalse(missing, "related fields without the groups of their source: %s" % missing)
