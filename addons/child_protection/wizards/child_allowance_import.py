from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError

from ..engines import allowance_import
from ..models.child_allowance_money import money_rule
from ..engines.money import MoneyError

MAX_LISTED = 50
FIELDS = ("disbursed_amount", "receipted_amount", "receipt_signed", "receipt_date")


class ChildAllowanceImport(models.TransientModel):
    """Disbursements and receipts from a CSV or XLSX file, as a treasury or a ward sends them: one row per
    collaborator and month (columns collaborator_code, month, and any of disbursed_amount, receipted_amount,
    receipt_signed, receipt_date). Every row is checked first; when any is wrong nothing is imported and every
    error is listed with its row, column and rule."""
    _name = "child.allowance.import"
    _description = "Import disbursements and receipts"

    sheet_id = fields.Many2one("child.allowance.sheet", string="Sheet",
                               help="Only this sheet's lines; empty: the lines of every sheet you may change.")
    file = fields.Binary(required=True, help="At most 20,000 rows below the header and 10 MB; a bigger file is "
                                            "refused before it is read through.")
    filename = fields.Char()
    imported_count = fields.Integer(readonly=True)

    def _column_label(self, key):
        labels = {
            "collaborator_code": _("Collaborator code"),
            "month": _("Month"),
            "disbursed_amount": _("Disbursed amount"),
            "receipted_amount": _("Receipted amount"),
            "receipt_signed": _("Signed"),
            "receipt_date": _("Receipt date"),
        }
        return labels.get(key, key)

    def _rule(self, code, detail):
        rules = {
            "required": _("must be filled in"),
            "month": _("%r is not a month (MM/YYYY or YYYY-MM)"),
            "date": _("%r is not a date (DD/MM/YYYY or YYYY-MM-DD)"),
            "yes_no": _("%r is not yes or no (1/0, x, có/không)"),
            "duplicate_row": _("the same collaborator and month as row %s"),
            "unknown_collaborator": _("no collaborator has the code %r"),
            "no_line": _("%s has no line for that month on a sheet you may change"),
            "ambiguous": _("%s is paid on several sheets that month; import from the sheet itself"),
            "signed_no_date": _("a signed receipt needs its date (column receipt_date)"),
            "unsigned_amount": _("an amount is receipted only with the signature (receipt_signed)"),
        }
        if code in rules:
            text = rules[code]
            return text % detail if "%" in text else text
        return money_rule(MoneyError(code, detail))

    def _error(self, number, column, code, detail=""):
        return _("Row %(row)s, %(column)s: %(rule)s.") % {
            "row": number, "column": self._column_label(column), "rule": self._rule(code, detail)}

    @api.multi
    def action_import(self):
        self.ensure_one()
        try:
            allowance_import.check_size(self.file)
            table = allowance_import.read_table(self.filename, allowance_import.decode_base64(self.file))
            rows, errors = allowance_import.parse_rows(table)
        except allowance_import.TableError as error:
            raise UserError(_("File: %s. Nothing was imported.") % error)
        messages = [self._error(e.row, e.column, e.code, e.detail) for e in errors]
        writes = self._match(rows, messages)
        if messages:
            shown = messages[:MAX_LISTED]
            more = len(messages) - len(shown)
            raise UserError(_("Nothing was imported: %(count)s error(s) in the file.\n") % {"count": len(messages)}
                            + "\n".join(shown) + (_("\n... and %s more.") % more if more else ""))
        for line, vals in writes:
            line.write(vals)
        self.imported_count = len(writes)
        return {"type": "ir.actions.act_window_close"}

    def _match(self, rows, messages):
        """The line and the values each parsed row writes; adds to ``messages`` the rows that match no line or
        that the line's state or the user's role would refuse."""
        Line = self.env["child.allowance.line"]
        codes = {row.values["collaborator_code"] for row in rows}
        collaborators = self.env["child.collaborator"].with_context(active_test=False).search(
            [("code", "in", list(codes))])
        by_code = {collaborator.code: collaborator for collaborator in collaborators}
        domain = [("collaborator_id", "in", collaborators.ids)]
        if self.sheet_id:
            domain.append(("sheet_id", "=", self.sheet_id.id))
        lines = {}
        for line in Line.search(domain):
            lines.setdefault((line.collaborator_id.id, line.month), []).append(line)
        writes = []
        for row in rows:
            values = row.values
            collaborator = by_code.get(values["collaborator_code"])
            if not collaborator:
                messages.append(self._error(row.number, "collaborator_code", "unknown_collaborator",
                                            values["collaborator_code"]))
                continue
            found = lines.get((collaborator.id, fields.Date.to_string(values["month"])), [])
            if not found:
                messages.append(self._error(row.number, "month", "no_line", collaborator.name))
                continue
            if len(found) > 1:
                messages.append(self._error(row.number, "collaborator_code", "ambiguous", collaborator.name))
                continue
            line = found[0]
            vals = {key: values[key] for key in FIELDS if key in values}
            if "receipt_date" in vals:
                vals["receipt_date"] = fields.Date.to_string(vals["receipt_date"])
            try:
                line._check_editable(list(vals))
                line.check_access_rule("write")
            except (UserError, AccessError) as error:
                # the refusal names the field and the rule already
                messages.append(_("Row %(row)s: %(message)s") % {
                    "row": row.number, "message": error.name if hasattr(error, "name") else str(error)})
                continue
            signed = vals.get("receipt_signed", line.receipt_signed)
            if signed and not vals.get("receipt_date", line.receipt_date):
                messages.append(self._error(row.number, "receipt_date", "signed_no_date"))
                continue
            if vals.get("receipted_amount", line.receipted_amount) and not signed:
                messages.append(self._error(row.number, "receipted_amount", "unsigned_amount"))
                continue
            writes.append((line, vals))
        return writes
