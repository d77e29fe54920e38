"""The audit log (OCA auditlog) and the chatter keep every change of plans, tasks, money and certificates, whatever
the context a client sends; the certificates' secrets never reach the log; the logs are for administrators."""
import base64

from odoo.exceptions import AccessError, UserError

from ..engines import signing
from .test_access_matrix import RoleUsersCase

SECRET_PASSWORD = "s3cret-Pkcs12-pw"


class TestAudit(RoleUsersCase):

    def client_env(self, user):
        """The environment a client's call gets: its own context, here asking for no tracking at all."""
        return self.env(user=user.id, context={"lang": "en_US", "tracking_disable": True, "mail_notrack": True,
                                               "mail_create_nolog": True})

    def logs(self, records, method=None):
        domain = [("model_id.model", "=", records._name), ("res_id", "in", records.ids)]
        if method:
            domain.append(("method", "=", method))
        return self.env["auditlog.log"].sudo().search(domain)

    def changed(self, records, field):
        """(old, new) of each logged write of ``field`` on ``records``."""
        lines = self.logs(records, "write").mapped("line_ids").filtered(lambda line: line.field_name == field)
        return [(line.old_value_text, line.new_value_text) for line in lines]

    def test_plan_change_logged_and_tracked_whatever_the_context(self):
        plan = self.make_plan()
        plan = plan.with_env(self.client_env(self.officer))
        plan.write({"name": "Kế hoạch đã đổi tên"})
        self.assertEqual(self.changed(plan, "name"), [("Thực hiện công tác trẻ em năm 2030", "Kế hoạch đã đổi tên")])
        tracked = self.env["mail.tracking.value"].sudo().search([
            ("mail_message_id.model", "=", "child.plan"), ("mail_message_id.res_id", "=", plan.id),
            ("field", "=", "name")])
        self.assertEqual(tracked.mapped("new_value_char"), ["Kế hoạch đã đổi tên"])

    def test_task_change_logged(self):
        task = self.make_task(self.plan, self.justice, name="Khai sinh")
        task.with_env(self.client_env(self.officer)).write({"name": "Khai sinh đúng hạn"})
        self.assertEqual(self.changed(task, "name"), [("Khai sinh", "Khai sinh đúng hạn")])

    def test_allowance_amount_change_logged(self):
        sheet = self.generate("2030-04-01", area=self.ward_a)
        line = self.line(sheet, self.an)
        old = line.planned_amount
        line.with_env(self.client_env(self.finance)).write({"planned_amount": old + 1000})
        self.assertEqual(self.changed(line, "planned_amount"), [(str(old), str(old + 1000))])
        sheet.with_env(self.client_env(self.finance)).action_confirm()
        self.assertEqual(self.changed(sheet, "state"), [("draft", "confirmed")])

    def test_event_budget_change_logged(self):
        event, line, _gift = self.running_event(planned=10000000)
        self.assertTrue(self.logs(line.sudo(), "create"))
        self.assertTrue(self.logs(event.gift_ids.sudo(), "create"))

    def test_certificate_metadata_logged_secrets_never(self):
        authority = signing.make_authority("Audit test CA")
        holder = self._user("audited_leader", "group_leader")
        holder.name = "Trần Văn Kiểm"
        data = base64.b64encode(signing.issue_pkcs12(authority, holder.name, password=SECRET_PASSWORD))
        # the administrator adds certificates (in Odoo 11 the superuser, uid 1)
        Certificate = self.env["child.signing.certificate"].with_env(
            self.client_env(self.env.ref("base.user_root")))
        certificate = Certificate.create({"name": "Leader", "kind": "signer", "user_id": holder.id,
                                          "password": SECRET_PASSWORD, "data": data})
        certificate.write({"name": "Leader 2030"})
        renewed = base64.b64encode(signing.issue_pkcs12(authority, holder.name, password=SECRET_PASSWORD + "2"))
        certificate.write({"password": SECRET_PASSWORD + "2", "data": renewed})
        self.assertTrue(self.logs(certificate, "create"))
        self.assertEqual(self.changed(certificate, "name"), [("Leader", "Leader 2030")])
        # nothing of the file or the password in any table of the audit log
        self.env.cr.execute("""
            SELECT f.name, l.old_value, l.new_value, l.old_value_text, l.new_value_text
              FROM auditlog_log_line l JOIN auditlog_log g ON g.id = l.log_id
              JOIN ir_model m ON m.id = g.model_id LEFT JOIN ir_model_fields f ON f.id = l.field_id
             WHERE m.model = 'child.signing.certificate'""")
        rows = self.env.cr.fetchall()
        self.assertTrue(rows)
        self.assertFalse([row for row in rows if row[0] in ("data", "password", "seal_image")])
        self.env.cr.execute("SELECT count(*) FROM auditlog_log_line WHERE concat(old_value, new_value, "
                            "old_value_text, new_value_text) LIKE ANY(%s)",
                            [["%" + secret + "%" for secret in (SECRET_PASSWORD, data[20:60].decode(),
                                                                 renewed[20:60].decode())]])
        self.assertEqual(self.env.cr.fetchone()[0], 0)

    def test_logs_are_read_by_administrators_only(self):
        task = self.make_task(self.plan, self.justice, name="Khai sinh")
        task.sudo(self.officer).write({"name": "Khai sinh 2"})
        for role in ("user", "viewer", "focal", "commune", "finance", "officer", "leader", "organiser"):
            for model in ("auditlog.log", "auditlog.log.line", "auditlog.rule"):
                self.assertFalse(self.env[model].sudo(self.role_users[role]).check_access_rights(
                    "read", raise_exception=False), (role, model))
        Log = self.env["auditlog.log"].sudo(self.admin)
        logs = Log.search([("model_id.model", "=", "child.plan.task"), ("res_id", "=", task.id)])
        self.assertTrue(logs)
        # nobody rewrites or deletes what was logged, administrators included
        for call in (lambda: logs.write({"name": "x"}), lambda: logs.unlink(),
                     lambda: logs.mapped("line_ids").unlink()):
            with self.assertRefused(UserError, "Audit log:"):
                call()

    def test_the_log_and_the_chatter_are_kept_as_written(self):
        """The administrator (the superuser in Odoo 11, past every record rule) neither rewrites nor deletes an
        audit log, nor empties it with auditlog's clean-up; nobody rewrites or deletes a plan's chatter; a draft plan
        deleted takes its chatter along."""
        plan = self.make_plan()
        plan.sudo(self.officer).write({"name": "Tên mới"})
        log = self.logs(plan, "write")
        self.assertTrue(log)
        admin = self.env.ref("base.user_root")
        Log = self.env["auditlog.log"].sudo(admin)
        for attempt in (lambda: log.sudo(admin).write({"name": "x"}),
                        lambda: log.line_ids.sudo(admin).write({"new_value": "tampered"}),
                        lambda: log.line_ids.sudo(admin).unlink(),
                        lambda: log.sudo(admin).unlink(),
                        lambda: Log.create({"name": "fake", "model_id": log.model_id.id, "res_id": plan.id}),
                        lambda: self.env["auditlog.autovacuum"].sudo(admin).autovacuum(0)):
            with self.assertRaises(UserError):
                with self.env.cr.savepoint():
                    attempt()
        self.assertEqual(self.changed(plan, "name"), [("Thực hiện công tác trẻ em năm 2030", "Tên mới")])
        message = plan.sudo(self.officer).message_post(body="Đã gửi lãnh đạo xem xét.")
        for user in (self.officer, admin):
            with self.assertRaises(UserError):
                with self.env.cr.savepoint():
                    message.sudo(user).write({"body": "<p>viết lại</p>"})
            with self.assertRaises(UserError):
                with self.env.cr.savepoint():
                    message.sudo(user).unlink()
        self.assertTrue(message.exists())
        plan.sudo(self.officer).unlink()
        self.assertFalse(message.exists())

    def test_nobody_forges_a_history_entry(self):
        """A message of a record's history is the poster's own, of now, and tracked changes come only from a real
        write: no other author, no backdating, no made-up tracking."""
        plan = self.make_plan()
        Message = self.env["mail.message"].sudo(self.officer)
        base = {"model": "child.plan", "res_id": plan.id, "body": "Lãnh đạo đã duyệt", "message_type": "comment"}
        for extra, fragment in (({"author_id": self.leader.partner_id.id}, "in your own name"),
                                ({"date": "2021-01-01 00:00:00"}, "dated when it is posted"),
                                ({"message_type": "notification", "tracking_value_ids": [(0, 0, {
                                    "field": "state", "field_desc": "State", "field_type": "char",
                                    "old_value_char": "draft", "new_value_char": "approved"})]},
                                 "written by the changes themselves")):
            with self.assertRaises(UserError) as caught:
                with self.env.cr.savepoint():
                    Message.create(dict(base, **extra))
            self.assertIn(fragment, caught.exception.name)
        own = Message.create(dict(base, body="Ghi chú của chuyên viên"))
        self.assertEqual(own.author_id, self.officer.partner_id)
        # a real change is still tracked, as the user who made it
        plan.with_env(self.client_env(self.officer)).write({"name": "Tên đã sửa"})
        self.assertEqual(self.changed(plan, "name"), [("Thực hiện công tác trẻ em năm 2030", "Tên đã sửa")])

    def test_only_an_administrator_decides_who_acts_for_an_agency(self):
        """The agency's focal points and area scope the commune officers' view of identity numbers and money: the
        plan officer, who sees none of it, cannot widen it."""
        for vals in ({"user_ids": [(4, self.officer.id)]}, {"area_id": self.ward_b.id}):
            with self.assertRaises(AccessError):
                with self.env.cr.savepoint():
                    self.ward_a_committee.sudo(self.officer).write(vals)
        with self.assertRaises(AccessError):
            with self.env.cr.savepoint():
                self.env["child.agency"].sudo(self.officer).create({
                    "name": "UBND phường A mới", "code": "UBND", "kind": "committee", "area_id": self.ward_a.id,
                    "user_ids": [(4, self.officer.id)]})
        self.ward_a_committee.sudo(self.officer).write({"phone": "0243000000"})  # the rest is theirs
        self.ward_a_committee.sudo(self.env.ref("base.user_root")).write({"user_ids": [(4, self.officer.id)]})
        self.assertIn(self.officer, self.ward_a_committee.user_ids)
