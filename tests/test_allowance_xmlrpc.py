"""A month of collaborators' allowances on the live test server, over XML-RPC, as the finance officer.

The administrator only sets up the fixture data (a province with a ward, its collaborators, the policy, a finance
officer); the finance officer generates the month's sheet, imports the treasury's disbursements and the ward's
receipts, reconciles, settles, and then cannot change a settled line.
"""
import base64
import uuid
import xmlrpc.client

import pytest

USER_ERROR = 2
PASSWORD = "pw"
SOURCE_LANGUAGE = {"lang": "en_US"}


def unique(text):
    return "%s %s" % (text, uuid.uuid4().hex[:8])


def csv(*rows):
    return base64.b64encode("\n".join(rows).encode("utf-8")).decode("ascii")


@pytest.fixture(scope="module")
def setting(odoo_rpc, admin):
    province = admin.call("child.area", "create", {"name": unique("Tỉnh Thử"), "level": "province"})
    ward = admin.call("child.area", "create", {"name": unique("Phường Thử"), "level": "commune",
                                               "parent_id": province})
    admin.call("child.allowance.policy", "create", {
        "name": unique("NQ thử"), "area_id": province, "date_start": "2030-01-01", "kind": "fixed",
        "amount": 500000, "proration": "full"})
    codes = []
    for name in ("Nguyễn Văn An", "Trần Thị Bình"):
        code = unique("CTV").replace(" ", "-")
        admin.call("child.collaborator", "create", {"code": code, "name": name, "area_id": ward,
                                                    "date_start": "2029-01-01"})
        codes.append(code)
    login = unique("finance").replace(" ", "_")
    admin.call("res.users", "create", {
        "name": unique("Finance"), "login": login, "password": PASSWORD, "email": "%s@example.org" % login,
        "lang": "vi_VN", "tz": "Asia/Ho_Chi_Minh",
        "groups_id": [(6, 0, [admin.ref("child_protection.group_finance_officer")])]})
    return {"province": province, "ward": ward, "codes": codes, "finance": odoo_rpc.login(login, PASSWORD)}


def run_import(finance, sheet_id, content):
    wizard = finance.call("child.allowance.import", "create", {"sheet_id": sheet_id, "file": content,
                                                              "filename": "kho-bac.csv"})
    finance.call("child.allowance.import", "action_import", [wizard], context=SOURCE_LANGUAGE)


def paid_month(admin, clerk, year=2030, month=9, names=("Lê Văn Cường", "Phạm Thị Dung", "Hoàng Văn Em")):
    """A province with one ward whose collaborators (``names``, 500,000 VND a month each) were paid for
    ``month``/``year`` and signed for it: the administrator sets up the area, policy and collaborators, ``clerk`` (a
    finance officer) generates the sheet, imports the disbursements and the receipts. Returns (province, ward,
    sheet) ids."""
    province = admin.call("child.area", "create", {"name": unique("Tỉnh Thử"), "level": "province"})
    ward = admin.call("child.area", "create", {"name": unique("Phường Thử"), "level": "commune",
                                               "parent_id": province})
    admin.call("child.allowance.policy", "create", {
        "name": unique("NQ thử"), "area_id": province, "date_start": "%d-01-01" % year, "kind": "fixed",
        "amount": 500000, "proration": "full"})
    codes = []
    for name in names:
        code = unique("CTV").replace(" ", "-")
        admin.call("child.collaborator", "create", {"code": code, "name": name, "area_id": ward,
                                                    "date_start": "%d-01-01" % (year - 1)})
        codes.append(code)
    period = "%02d/%d" % (month, year)
    wizard = clerk.call("child.allowance.generate", "create", {"area_id": province,
                                                              "month": "%d-%02d-01" % (year, month)})
    sheet = clerk.call("child.allowance.sheet", "search",
                       clerk.call("child.allowance.generate", "action_generate", [wizard])["domain"])[0]
    clerk.call("child.allowance.sheet", "action_confirm", [sheet])
    run_import(clerk, sheet, csv("collaborator_code,month,disbursed_amount",
                                 *("%s,%s,500000" % (code, period) for code in codes)))
    clerk.call("child.allowance.sheet", "action_disburse", [sheet])
    receipt_date = "05/%02d/%d" % (month % 12 + 1, year + month // 12)
    run_import(clerk, sheet, csv("collaborator_code,month,receipted_amount,receipt_signed,receipt_date",
                                 *("%s,%s,500000,1,%s" % (code, period, receipt_date) for code in codes)))
    clerk.call("child.allowance.sheet", "action_receipt", [sheet])
    return province, ward, sheet


def test_finance_month_from_generation_to_settlement(setting):
    finance, (an, binh) = setting["finance"], setting["codes"]
    wizard = finance.call("child.allowance.generate", "create", {"area_id": setting["province"],
                                                                "month": "2030-04-10"})
    action = finance.call("child.allowance.generate", "action_generate", [wizard])
    sheet_ids = finance.call("child.allowance.sheet", "search", action["domain"])
    assert len(sheet_ids) == 1
    sheet_id = sheet_ids[0]
    sheet = finance.call("child.allowance.sheet", "read", [sheet_id], ["month", "planned_total", "line_ids"])[0]
    assert (sheet["month"], sheet["planned_total"], len(sheet["line_ids"])) == ("2030-04-01", 1000000, 2)
    finance.call("child.allowance.sheet", "action_confirm", [sheet_id])

    # a wrong file imports nothing and lists its rows
    with pytest.raises(xmlrpc.client.Fault) as refused:
        run_import(finance, sheet_id, csv("collaborator_code,month,disbursed_amount",
                                          "%s,04/2030,500000" % an, "%s,04/2030,-1" % binh))
    assert refused.value.faultCode == USER_ERROR
    assert "Row 3, Disbursed amount: must not be negative." in refused.value.faultString
    lines = finance.call("child.allowance.line", "search_read", [("sheet_id", "=", sheet_id)],
                         ["disbursed_amount"])
    assert [line["disbursed_amount"] for line in lines] == [0, 0]

    run_import(finance, sheet_id, csv("collaborator_code,month,disbursed_amount",
                                      "%s,04/2030,500000" % an, "%s,04/2030,500000" % binh))
    finance.call("child.allowance.sheet", "action_disburse", [sheet_id])
    run_import(finance, sheet_id, csv("collaborator_code,month,receipted_amount,receipt_signed,receipt_date",
                                      "%s,04/2030,500000,1,05/05/2030" % an,
                                      "%s,04/2030,450000,1,06/05/2030" % binh))
    finance.call("child.allowance.sheet", "action_receipt", [sheet_id])

    run = finance.call("child.allowance.reconciliation", "create", {
        "area_id": setting["province"], "period_type": "month", "year": 2030, "period_number": 4})
    finance.call("child.allowance.reconciliation", "action_run", [run])
    result = finance.call("child.allowance.reconciliation", "read", [run],
                          ["line_count", "disbursed_total", "receipted_total", "discrepancy_count", "user_id",
                           "discrepancy_ids"])[0]
    assert (result["line_count"], result["disbursed_total"], result["receipted_total"]) == (2, 1000000, 950000)
    assert result["user_id"][0] == finance.uid
    discrepancies = finance.call("child.allowance.discrepancy", "read", result["discrepancy_ids"],
                                 ["kind", "expected_amount", "actual_amount"])
    assert [(d["kind"], d["expected_amount"], d["actual_amount"]) for d in discrepancies] == [
        ("receipted_disbursed", 500000, 450000)]

    finance.call("child.allowance.reconciliation", "action_settle_period", [run])
    assert finance.call("child.allowance.sheet", "read", [sheet_id], ["state"])[0]["state"] == "settled"

    line_id = lines[0]["id"]
    with pytest.raises(xmlrpc.client.Fault) as refused:
        finance.call("child.allowance.line", "write", [line_id], {"settled_amount": 0}, context=SOURCE_LANGUAGE)
    assert refused.value.faultCode == USER_ERROR
    assert "are settled; the period is locked" in refused.value.faultString
    assert finance.call("child.allowance.line", "read", [line_id], ["settled_amount"])[0]["settled_amount"] > 0


def test_workbook_download(setting):
    """The report route answers with an XLSX for the finance officer's run (a session login, as the browser)."""
    finance = setting["finance"]
    run = finance.call("child.allowance.reconciliation", "create", {
        "area_id": setting["province"], "period_type": "year", "year": 2030})
    finance.call("child.allowance.reconciliation", "action_run", [run])
    kind, content = finance.download("/report/xlsx/child_reports.reconciliation_xlsx/%d" % run)
    assert kind.startswith("application/vnd.openxmlformats")
    assert content[:2] == b"PK"
