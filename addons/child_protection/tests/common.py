import base64
import datetime
import functools
from contextlib import contextmanager

from freezegun import freeze_time

from odoo.tests.common import SavepointCase

from odoo.addons.child_protection.models.mail_thread import quiet_context
#: the plans' signer in the fixtures (the leader), as their personal certificate names them
SIGNER_NAME = "Nguyễn Văn Thử"
CERTIFICATE_START, CERTIFICATE_END = datetime.datetime(2020, 1, 1), datetime.datetime(2040, 12, 31)


@functools.lru_cache(maxsize=1)
def fixture_pki():
    """A test authority, the signer's PKCS#12 file and the two committees' (password "pw"), made once a run."""
    from odoo.addons.child_reports.engines import signing
    authority = signing.make_authority("Test CA of the suite", not_before=CERTIFICATE_START,
                                       not_after=CERTIFICATE_END)
    make = functools.partial(signing.issue_pkcs12, authority, password="pw", not_before=CERTIFICATE_START,
                             not_after=CERTIFICATE_END)
    return {"authority": authority, "signer": make(SIGNER_NAME),
            "committee": make("UBND huyện Thử", "UBND huyện Thử"),
            "ward_committee": make("UBND phường A", "UBND phường A")}


class ChildProtectionCase(SavepointCase):
    """Fixtures of their own (no demo data): a province, a district and two wards, the district committee and two
    agencies, and one user per role."""

    @classmethod
    def setUpClass(cls):
        super(ChildProtectionCase, cls).setUpClass()
        cls.env = cls.env(context=quiet_context(**dict(cls.env.context, lang="en_US", no_reset_password=True)))
        # messages are asserted in the source language; a database created in Vietnamese has English off
        cls.env.ref("base.lang_en").active = True
        Area = cls.env["child.area"]
        cls.province = Area.create({"name": "Tỉnh Thử Nghiệm", "level": "province"})
        cls.district = Area.create({"name": "Huyện Thử", "place_name": "Thử", "level": "district",
                                    "parent_id": cls.province.id})
        cls.ward_a = Area.create({"name": "Phường A", "level": "commune", "parent_id": cls.district.id})
        cls.ward_b = Area.create({"name": "Phường B", "level": "commune", "parent_id": cls.district.id})
        cls.elsewhere = Area.create({"name": "Xã Ngoài", "level": "commune", "parent_id": cls.province.id})
        Agency = cls.env["child.agency"]
        cls.committee = Agency.create({"name": "UBND huyện Thử", "code": "UBND", "kind": "committee",
                                       "area_id": cls.district.id})
        cls.justice = Agency.create({"name": "Phòng Tư pháp", "code": "TP", "area_id": cls.district.id,
                                     "parent_id": cls.committee.id})
        cls.health = Agency.create({"name": "Phòng Y tế", "code": "YT", "area_id": cls.district.id,
                                    "parent_id": cls.committee.id})
        cls.ward_a_committee = Agency.create({"name": "UBND phường A", "code": "UBND", "kind": "committee",
                                              "area_id": cls.ward_a.id})
        cls.officer = cls._user("officer", "group_plan_officer")
        cls.leader = cls._user("leader", "group_leader")
        cls.focal = cls._user("focal", "group_focal_point", cls.justice)
        cls.health_focal = cls._user("health", "group_focal_point", cls.health)
        cls.ward_officer = cls._user("ward", "group_commune_officer", cls.ward_a_committee)
        cls.finance = cls._user("finance", "group_finance_officer")
        cls.viewer = cls._user("viewer", "group_viewer")
        cls.leader.name = SIGNER_NAME   # the plans' signer (make_plan)
        if "child.signing.certificate" in cls.env:
            cls._add_certificates()

    @classmethod
    def _add_certificates(cls):
        """With child_reports installed, issuing needs the signer's certificate and the issuer's seal: the
        administrator adds them (the test authority, the leader's, the two committees')."""
        pki = fixture_pki()
        Certificate = cls.env["child.signing.certificate"]
        cls.trusted = Certificate.create({
            "name": "Test CA", "kind": "authority", "data": base64.b64encode(pki["authority"]["cert_pem"])})
        cls.signer_certificate = Certificate.create({
            "name": "Leader", "kind": "signer", "user_id": cls.leader.id, "password": "pw",
            "data": base64.b64encode(pki["signer"])})
        cls.seal_certificate = Certificate.create({
            "name": "Committee", "kind": "organisation", "agency_id": cls.committee.id, "password": "pw",
            "data": base64.b64encode(pki["committee"])})
        cls.ward_seal_certificate = Certificate.create({
            "name": "Ward committee", "kind": "organisation", "agency_id": cls.ward_a_committee.id,
            "password": "pw", "data": base64.b64encode(pki["ward_committee"])})

    @classmethod
    def _user(cls, login, group, agency=None):
        return cls.env["res.users"].create({
            "name": "Test %s" % login,
            "login": "test_%s" % login,
            "lang": "en_US",
            "email": "%s@example.org" % login,
            "groups_id": [(6, 0, [cls.env.ref("child_protection.%s" % group).id])],
            "child_agency_ids": [(6, 0, agency.ids)] if agency else [],
        })

    def make_plan(self, user=None, **values):
        """A complete draft plan, created by ``user`` (the plan officer by default)."""
        vals = {
            "name": "Thực hiện công tác trẻ em năm 2030",
            "year": 2030,
            "issuer_id": self.committee.id,
            "signer_collective": "Ủy ban nhân dân",
            "signer_authority": "kt",
            "signer_head_title": "Chủ tịch",
            "signer_position": "Phó Chủ tịch",
            "signer_user_id": self.leader.id,
            "section_ids": [(0, 0, {"name": "Tuyên truyền", "body": "Đưa tin, bài."})],
            "indicator_ids": [(0, 0, {"name": "Trẻ em tham gia", "unit": "percent", "target": 85})],
            "recipient_ids": [(0, 0, {"name": "Như trên;"}), (0, 0, {"name": "Lưu: VT."})],
        }
        vals.update(values)
        return self.env["child.plan"].sudo(user or self.officer).create(vals)

    def make_task(self, plan, agency, user=None, **values):
        vals = {"plan_id": plan.id, "name": "Nhiệm vụ của %s" % agency.name, "agency_id": agency.id,
                "deadline": "2030-06-30"}
        vals.update(values)
        return self.env["child.plan.task"].sudo(user or self.officer).create(vals)

    def add_update(self, task, user, progress, status="on_track", note="Đã làm một phần."):
        return self.env["child.plan.task.update"].sudo(user).create(
            {"task_id": task.id, "progress": progress, "status": status, "note": note, "date": "2030-04-01"})

    def issue(self, plan, issue_date="2030-03-05"):
        """Submit (officer), approve and issue (leader, the signer) ``plan`` on ``issue_date`` (10:00 in Hà Nội);
        returns it as the leader sees it."""
        plan.sudo(self.officer).action_submit()
        as_leader = plan.sudo(self.leader)
        as_leader.action_approve()
        with freeze_time("%s 03:00:00" % issue_date):
            as_leader.action_issue()
        return as_leader

    @contextmanager
    def assertRefused(self, exception, *fragments):
        """The block raises ``exception`` whose message has every fragment (the field and the rule), and leaves
        the database as it was."""
        with self.assertRaises(exception) as caught:
            with self.env.cr.savepoint():
                yield caught
        message = caught.exception.name if hasattr(caught.exception, "name") else str(caught.exception)
        for fragment in fragments:
            self.assertIn(fragment, message)
        self.env.clear()
