"""Issued documents are append-only and tamper-evident (issue 12): nobody, the superuser included, rewrites or
deletes a document or the attachment of its PDF through the ORM; each issuer's register is a hash chain built at
issue; what is changed behind the ORM (SQL, the filestore) is found by _register_status and _audit."""
import base64
import os

from odoo.exceptions import AccessError, UserError

from ..engines import register_chain
from ..models.child_document import internal_change
from .test_plan_document import DocumentCase


class TestDocumentIntegrity(DocumentCase):

    def issue_two(self):
        first = self.issue(self.make_plan()).document_id
        second = self.issue(self.make_plan(name="Kế hoạch thứ hai"), issue_date="2030-04-01").document_id
        return first, second

    def problems(self, documents):
        return [(p["number"], p["what"]) for p in self.env["child.document"]._audit()["problems"]
                if p["number"] in documents.mapped("number")]

    def test_register_chain_is_built_at_issue(self):
        first, second = self.issue_two()
        self.assertEqual((first.chain_seq, second.chain_seq), (1, 2))
        self.assertEqual(first.chain_prev, register_chain.GENESIS)
        self.assertEqual(second.chain_prev, first.chain_hash)
        entries = self.env["child.document"]._chain_entries([self.committee.id])[self.committee.id]
        self.assertEqual(register_chain.verify(entries), [])
        self.assertEqual(second.sudo(self.viewer)._register_status(), "intact")
        self.assertEqual(self.problems(first | second), [])

    def test_nobody_writes_creates_copies_or_deletes_a_document(self):
        first, _second = self.issue_two()
        with self.assertRaises(AccessError):
            first.sudo(self.leader).write({"title": "Khác"})
        for values in ({"title": "Khác"}, {"sha256": "0" * 64}, {"file": base64.b64encode(b"%PDF-other")},
                       {"state": "revoked"}, {"chain_hash": "f" * 64}):
            with self.assertRefused(UserError, "never changed"):
                first.sudo().write(values)   # not even the superuser (the administrator over RPC)
        with self.assertRefused(UserError, "kept for good"):
            first.sudo().unlink()
        with self.assertRefused(UserError):  # Odoo 11 copies without the context's language: no wording here
            first.sudo().copy()
        with self.assertRefused(UserError, "never created"):
            self.env["child.document"].sudo().create({
                "number": "99/KH-UBND", "type_name": "KẾ HOẠCH", "title": "Giả", "plan_id": first.plan_id.id,
                "issuer_id": self.committee.id, "issue_date": "2030-05-01", "sha256": "0" * 64, "token": "x" * 32})
        self.assertEqual(first.state, "valid")
        self.assertTrue(first._stored_file_intact())

    def test_only_the_state_moves_through_the_suite(self):
        first, second = self.issue_two()
        first._set_state("superseded", superseded_by=second)
        self.assertEqual((first.state, first.superseded_by_id), ("superseded", second))
        # the state is not in the register entry: the chain still holds
        self.assertEqual(first._register_status(), "intact")
        with internal_change(self.env), self.assertRefused(UserError, "never changed", "title"):
            first.sudo().write({"title": "Khác"})   # even inside the suite, only the state

    def test_the_pdf_attachment_is_guarded(self):
        first, _second = self.issue_two()
        attachment = first._file_attachments()
        self.assertEqual(len(attachment), 1)
        with self.assertRefused(UserError, "never changed"):
            attachment.sudo().write({"datas": base64.b64encode(b"%PDF-other")})
        with self.assertRefused(UserError, "never changed"):
            attachment.sudo().write({"res_id": _second.id})
        with self.assertRefused(UserError, "kept for good"):
            attachment.sudo().unlink()
        with self.assertRefused(UserError, "in its place"):
            self.env["ir.attachment"].sudo().create({
                "name": "file", "res_model": "child.document", "res_field": "file", "res_id": first.id,
                "datas": base64.b64encode(b"%PDF-other")})
        # nor beside it: a forged PDF attached to the document would be listed with the issued one
        with self.assertRefused(UserError, "in its place"):
            self.env["ir.attachment"].sudo().create({
                "name": "%s.pdf" % first.number.replace("/", "-"), "res_model": "child.document", "res_id": first.id,
                "datas": base64.b64encode(b"%PDF-1.4 forged")})
        other = self.env["ir.attachment"].sudo().create({"name": "ghi chú.txt", "datas": base64.b64encode(b"x")})
        with self.assertRefused(UserError, "never changed"):
            other.write({"res_model": "child.document", "res_field": "file", "res_id": first.id})
        other.write({"name": "khác.txt"})   # any other attachment is as before
        other.unlink()
        self.assertTrue(first._stored_file_intact())

    def test_changes_behind_the_orm_are_found(self):
        first, second = self.issue_two()
        third = self.issue(self.make_plan(name="Kế hoạch thứ ba"), issue_date="2030-05-01").document_id
        title = first.title
        self.env.cr.execute("UPDATE child_document SET title = 'Đã sửa' WHERE id = %s", [first.id])
        self.assertEqual(first._register_status(), "altered")
        self.assertEqual(third._register_status(), "broken")
        self.assertIn((first.number, "register entry altered: its fields or its hash were changed after issue"),
                      self.problems(first))
        self.env.cr.execute("UPDATE child_document SET title = %s WHERE id = %s", [title, first.id])
        self.assertEqual(third._register_status(), "intact")
        # a middle document removed: the one after it no longer links to its predecessor
        self.env.cr.execute("DELETE FROM child_document WHERE id = %s", [second.id])
        self.env["child.document"].invalidate_cache()
        self.assertEqual(third._register_status(), "broken")
        whats = [what for number, what in self.problems(third)]
        self.assertTrue(any(what.startswith("register chain broken") for what in whats), whats)
        self.assertTrue(any(what.startswith("stored file of a document that is no longer")
                            for what in (p["what"] for p in self.env["child.document"]._audit()["problems"])))

    def test_stored_file_replaced_or_missing_is_found(self):
        first, second = self.issue_two()
        attachment = first._file_attachments()
        path = attachment._full_path(attachment.store_fname)
        with open(path, "rb") as stored:
            original = stored.read()
        try:
            with open(path, "wb") as stored:
                stored.write(original.replace(b"%PDF", b"%PDX", 1))
            self.assertEqual(first._stored_file_status(), "different")
            self.assertIn((first.number, "stored file does not match the SHA-256 recorded at issue"),
                          self.problems(first))
            os.remove(path)
            self.assertEqual(first._stored_file_status(), "missing")
            self.assertIn((first.number, "stored file missing or unreadable"), self.problems(first))
        finally:
            with open(path, "wb") as stored:
                stored.write(original)
        self.assertEqual(first._stored_file_status(), "intact")
        self.assertEqual(self.problems(first | second), [])

    def test_documents_issued_before_the_chain_get_it_at_upgrade(self):
        first, second = self.issue_two()
        self.env.cr.execute("UPDATE child_document SET chain_seq = NULL, chain_prev = NULL, chain_hash = NULL "
                            "WHERE issuer_id = %s", [self.committee.id])
        self.env["child.document"].invalidate_cache()
        self.assertEqual(second._register_status(), "altered")   # outside the chain
        self.env["child.document"]._chain_pending()
        self.assertEqual((first.chain_seq, second.chain_seq), (1, 2))   # in issue order
        self.assertEqual(second.chain_prev, first.chain_hash)
        self.assertEqual(second._register_status(), "intact")
        # once a register has its chain, a document slipped in behind it is not adopted
        self.env.cr.execute("UPDATE child_document SET chain_seq = NULL, chain_prev = NULL, chain_hash = NULL "
                            "WHERE id = %s", [second.id])
        self.env["child.document"]._chain_pending()
        self.env["child.document"].invalidate_cache()
        self.assertFalse(second.chain_hash)
        self.assertIn((second.number, "not in the register chain (added behind the register)"),
                      self.problems(second))
