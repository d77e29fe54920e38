"""Issue 12: no forged signature, no stolen seal. Each attack seen against the demo, as the least-privileged user
who would try it, now refused; the key and its password readable by no one, in clear nowhere in the database."""
import base64

from odoo.exceptions import AccessError, UserError, ValidationError

from odoo.addons.child_protection.tests.common import ChildProtectionCase, fixture_pki

from ..engines import signing
from ..models.child_signing_certificate import SECRET_COLUMN

SECRET_PASSWORD = "Mật-khẩu-rất-riêng-4711"


class TestSigningCertificate(ChildProtectionCase):

    @classmethod
    def setUpClass(cls):
        super(TestSigningCertificate, cls).setUpClass()
        cls.authority = fixture_pki()["authority"]
        cls.admin = cls.env["res.users"].create({
            "name": "Administrator of the test", "login": "test_cert_admin", "email": "cert_admin@example.org",
            "groups_id": [(6, 0, [cls.env.ref("base.group_system").id, cls.env.ref("base.group_user").id])]})
        cls.other_leader = cls._user("leader_other", "group_leader")
        cls.other_leader.name = "Trần Thị Khác"
        cls.p12 = signing.issue_pkcs12(cls.authority, "Trần Thị Khác", password=SECRET_PASSWORD)
        cls.other_certificate = cls.env["child.signing.certificate"].sudo(cls.admin).create({
            "name": "Other leader", "kind": "signer", "user_id": cls.other_leader.id, "password": SECRET_PASSWORD,
            "data": base64.b64encode(cls.p12)})

    def test_leader_cannot_add_an_authority(self):
        rogue = signing.make_authority("Rogue CA")
        with self.assertRefused(AccessError):
            self.env["child.signing.certificate"].sudo(self.leader).create({
                "name": "My CA", "kind": "authority", "data": base64.b64encode(rogue["cert_pem"])})
        self.assertFalse(self.env["child.signing.certificate"].search([("name", "=", "My CA")]))

    def test_leader_cannot_add_a_personal_certificate_for_another_user(self):
        forged = signing.issue_pkcs12(self.authority, "Trần Thị Khác", password="x")
        Certificate = self.env["child.signing.certificate"]
        with self.assertRefused(AccessError):
            Certificate.sudo(self.leader).create({
                "name": "Forged", "kind": "signer", "user_id": self.other_leader.id, "password": "x",
                "data": base64.b64encode(forged)})
        # nor change one: its owner, its file or its password
        for values in ({"user_id": self.leader.id}, {"password": "y"}, {"data": base64.b64encode(forged)},
                       {"active": False}):
            with self.assertRefused(AccessError):
                self.signer_certificate.sudo(self.leader).write(values)
        with self.assertRefused(AccessError):
            self.signer_certificate.sudo(self.leader).unlink()

    def test_personal_certificate_must_name_its_user(self):
        data = base64.b64encode(signing.issue_pkcs12(self.authority, "Nguyễn Văn Thử", password="x"))
        with self.assertRefused(ValidationError, "Signer:", "Nguyễn Văn Thử", "Test officer"):
            self.env["child.signing.certificate"].sudo(self.admin).create({
                "name": "Wrong person", "kind": "signer", "user_id": self.officer.id, "password": "x",
                "data": data})
        # the same name in other case, spacing and Unicode form is the user's
        self.officer.name = "  NGUYỄN   văn thử "
        self.env["child.signing.certificate"].sudo(self.admin).create({
            "name": "Officer", "kind": "signer", "user_id": self.officer.id, "password": "x", "data": data})

    def test_wrong_password_refused_with_the_field(self):
        data = base64.b64encode(signing.issue_pkcs12(self.authority, "Test officer", password="right"))
        with self.assertRefused(ValidationError, "File:", "password"):
            self.env["child.signing.certificate"].sudo(self.admin).create({
                "name": "Sai", "kind": "signer", "user_id": self.officer.id, "password": "wrong", "data": data})

    def test_leader_reads_metadata_of_own_certificate_seals_and_authorities_only(self):
        Certificate = self.env["child.signing.certificate"]
        seen = Certificate.sudo(self.leader).search([])
        self.assertIn(self.signer_certificate, seen)
        self.assertNotIn(self.other_certificate, seen)
        self.assertIn(self.seal_certificate, seen)
        self.assertIn(self.trusted, seen)
        with self.assertRaises(AccessError):
            self.other_certificate.sudo(self.leader).read(["holder"])
        for user in (self.officer, self.viewer, self.finance, self.focal):
            with self.assertRaises(AccessError):
                Certificate.sudo(user).search([])

    def test_nobody_reads_the_key_or_the_password(self):
        p12_b64 = base64.b64encode(self.p12).decode()
        for user, certificate in ((self.other_leader, self.other_certificate), (self.admin, self.other_certificate),
                                  (self.env.user, self.other_certificate)):
            as_user = certificate.sudo(user)
            Certificate = self.env["child.signing.certificate"].sudo(user)
            self.assertEqual(as_user.read(["data", "password"])[0]["data"], False)
            self.assertEqual(as_user.read(["data", "password"])[0]["password"], False)
            self.assertEqual(as_user.data, False)
            rows = Certificate.search_read([("id", "=", certificate.id)], ["data", "password"])
            self.assertEqual((rows[0]["data"], rows[0]["password"]), (False, False))
            exported = repr(as_user.export_data(["data", "password", "certificate", "holder"]))
            self.assertNotIn(SECRET_PASSWORD, exported)
            self.assertNotIn(p12_b64[:40], exported)
            # searching on the secret tells nothing either
            for domain in ([("password", "=", SECRET_PASSWORD)], [("password", "ilike", "Mật")],
                           [("data", "!=", False)]):
                with self.assertRefused(UserError, "cannot be searched"):
                    Certificate.search(domain)
            with self.assertRaises(Exception):
                Certificate.read_group([], ["password"], ["password"])
            self.assertNotIn(SECRET_COLUMN, Certificate.fields_get())

    def test_key_and_password_are_encrypted_at_rest(self):
        self.env.cr.execute("SELECT row_to_json(c)::text, encode(%s, 'escape') FROM child_signing_certificate c "
                            "WHERE id = %%s" % SECRET_COLUMN, [self.other_certificate.id])
        row, sealed = self.env.cr.fetchone()
        self.assertNotIn(SECRET_PASSWORD, row)
        self.assertNotIn(base64.b64encode(self.p12).decode()[:40], row)
        self.env.cr.execute("SELECT position(%%s IN %s) FROM child_signing_certificate WHERE id = %%s"
                            % SECRET_COLUMN, [self.p12[100:140], self.other_certificate.id])
        self.assertEqual(self.env.cr.fetchone()[0], 0)
        # the signing code, and it alone, gets them back
        self.assertEqual(self.other_certificate._secret(), (self.p12, SECRET_PASSWORD))

    def test_password_changed_alone_keeps_the_file(self):
        self.other_certificate.sudo(self.admin).write({"name": "Renamed"})
        self.assertEqual(self.other_certificate._secret(), (self.p12, SECRET_PASSWORD))
        with self.assertRefused(ValidationError, "File:", "password"):
            self.other_certificate.sudo(self.admin).write({"password": "not the password"})
        self.assertEqual(self.other_certificate._secret(), (self.p12, SECRET_PASSWORD))

    def test_one_active_certificate_per_signer(self):
        data = base64.b64encode(signing.issue_pkcs12(self.authority, "Nguyễn Văn Thử", password="x"))
        with self.assertRefused(ValidationError, "Signer", "already has an active certificate"):
            self.env["child.signing.certificate"].sudo(self.admin).create({
                "name": "Second", "kind": "signer", "user_id": self.leader.id, "password": "x", "data": data})
