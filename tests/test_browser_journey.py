"""One plan's life in a real browser, person by person, as the offices work (in Vietnamese):

1. the officer drafts a plan with a section, an indicator, a task for the justice office, a "Nơi nhận" entry and
   the signer, and submits it;
2. the leader approves it, issues it and downloads the signed PDF;
3. the justice office's focal point finds the task among theirs, writes the result and ticks it off;
4. the finance officer reconciles a month of collaborators' allowances.

Headless Chromium against the live test server. The administrator only sets up the people and the areas over
XML-RPC; every step of the story is clicked. A screenshot of each step is kept in CHILD_TEST_ARTIFACTS (by default
.data/test-run/screenshots, not committed). Fields are found by their technical names, header buttons by their Vietnamese labels.
"""
import base64
import datetime
import os
import subprocess
import time
from pathlib import Path

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions as ec
from selenium.webdriver.support.ui import Select, WebDriverWait

from child_reports_engines import signing
from test_allowance_xmlrpc import paid_month
from test_browser import WAIT, browser, log_in, open_page  # noqa: F401 (browser: the fixture)
from test_plan_xmlrpc import PASSWORD, unique

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = Path(os.environ.get("CHILD_TEST_ARTIFACTS") or ROOT / ".data" / "test-run" / "screenshots")


@pytest.fixture(scope="module")
def story(odoo_rpc, admin, browser):  # noqa: F811 (the fixture imported above)
    area = admin.call("child.area", "create", {"name": unique("Quận Hành Trình"), "place_name": "Hành Trình",
                                               "level": "district"})
    committee = unique("UBND quận Hành Trình")
    committee_id = admin.call("child.agency", "create", {"name": committee, "code": "UBND", "kind": "committee",
                                                          "area_id": area})
    justice = unique("Phòng Tư pháp Hành Trình")
    justice_id = admin.call("child.agency", "create", {"name": justice, "code": "TP", "kind": "department",
                                                        "area_id": area})
    logins, names = {}, {}
    for role, group, agencies in (("officer", "group_plan_officer", []), ("leader", "group_leader", []),
                                  ("justice", "group_focal_point", [justice_id]),
                                  ("finance", "group_finance_officer", [])):
        login = unique(role).replace(" ", "_")
        names[role] = unique("Trần Văn Ký" if role == "leader" else role.title())
        uid = admin.call("res.users", "create", {
            "name": names[role], "login": login, "password": PASSWORD, "email": "%s@example.org" % login,
            "lang": "vi_VN", "tz": "Asia/Ho_Chi_Minh",
            "groups_id": [(6, 0, [admin.ref("child_protection.%s" % group)])],
            "child_agency_ids": [(6, 0, agencies)]})
        logins[role] = login
        if role == "leader":
            leader_uid = uid
    # the administrator adds the leader's personal certificate and the committee's seal: issuing needs both
    authority = signing.make_authority("Browser journey authority")
    for values in (
            {"name": "CA", "kind": "authority", "data": base64.b64encode(authority["cert_pem"]).decode()},
            {"name": "Signer", "kind": "signer", "user_id": leader_uid, "password": "p1",
             "data": base64.b64encode(signing.issue_pkcs12(authority, names["leader"], password="p1")).decode()},
            {"name": "Seal", "kind": "organisation", "agency_id": committee_id, "password": "p2",
             "data": base64.b64encode(signing.issue_pkcs12(authority, committee, committee,
                                                           password="p2")).decode()}):
        admin.call("child.signing.certificate", "create", values)
    downloads = ARTIFACTS / "downloads"
    downloads.mkdir(parents=True, exist_ok=True)
    for old in [*downloads.glob("*"), *ARTIFACTS.glob("*.png"), *ARTIFACTS.glob("*.html")]:
        old.unlink()
    browser.execute_cdp_cmd("Page.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(downloads)})
    return dict(logins=logins, names=names, committee=committee, committee_id=committee_id, justice=justice,
                title=unique("Kế hoạch bảo vệ trẻ em trên trình duyệt"), task=unique("Tập huấn luật trẻ em"),
                year=datetime.date.today().year, downloads=downloads, admin=admin, odoo_rpc=odoo_rpc)


@pytest.fixture(autouse=True)
def failure_snapshot(request, browser):  # noqa: F811
    """The page a step failed on, beside the steps' screenshots."""
    yield
    report = getattr(request.node, "rep_call", None)
    if report is not None and report.failed:
        snapshot(browser, "failed-%s" % request.node.name)
        (ARTIFACTS / ("failed-%s.html" % request.node.name)).write_text(browser.page_source)


# Helpers -------------------------------------------------------------------------------------------------------

def wait(browser, condition):
    return WebDriverWait(browser, WAIT).until(condition)


def snapshot(browser, name):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    browser.save_screenshot(str(ARTIFACTS / ("%s.png" % name)))


def css(browser, selector):
    return wait(browser, ec.element_to_be_clickable((By.CSS_SELECTOR, selector)))


def settle(browser):
    """Wait until the web client has no call under way (its blocking overlay is gone)."""
    wait(browser, lambda b: not b.find_elements(By.CSS_SELECTOR, ".o_loading:not([style*='none']), .blockUI"))


def click_button(browser, label):
    """Click the form's header button ``label`` (Odoo 11 renders the buttons without their method's name)."""
    wait(browser, ec.element_to_be_clickable((
        By.XPATH, "//div[contains(@class, 'o_statusbar_buttons')]/button[not(contains(@class, "
                  "'o_invisible_modifier'))][normalize-space()='%s']" % label))).click()
    settle(browser)


def open_tab(browser, field):
    """Show the notebook page that holds the field ``field``."""
    pane = browser.find_element(By.XPATH, "//*[@name='%s']/ancestor::div[contains(@class, 'tab-pane')]" % field)
    browser.find_element(By.CSS_SELECTOR, "a[href='#%s']" % pane.get_attribute("id")).click()


def type_in(scope, field, text):
    element = scope.find_element(By.CSS_SELECTOR, "input[name=%s], textarea[name=%s]" % (field, field))
    element.clear()
    element.send_keys(text)


def pick(browser, scope, field, text):
    """Choose ``text`` in the many2one ``field`` through its autocomplete."""
    scope.find_element(By.CSS_SELECTOR, "div[name=%s] input" % field).send_keys(text)
    wait(browser, ec.element_to_be_clickable((By.XPATH, "//ul[contains(@class, 'ui-autocomplete')]"
                                                        "//li/a[contains(., '%s')]" % text))).click()


def add_line(browser, field):
    css(browser, "div[name=%s] .o_field_x2many_list_row_add a" % field).click()


def modal(browser):
    return wait(browser, ec.visibility_of_element_located((By.CSS_SELECTOR, ".modal-dialog")))


def save_modal(browser):
    css(browser, ".modal-footer .btn-primary").click()
    wait(browser, ec.invisibility_of_element_located((By.CSS_SELECTOR, ".modal-dialog")))


def plan_of(story):
    return story["admin"].call("child.plan", "search_read", [("name", "=", story["title"])],
                               ["state", "number", "task_ids", "indicator_ids", "section_ids", "recipient_ids"])


# The story -----------------------------------------------------------------------------------------------------

def test_1_officer_drafts_and_submits_a_plan(browser, odoo_url, story):  # noqa: F811
    log_in(browser, odoo_url, story["logins"]["officer"])
    open_page(browser, odoo_url, "action=child_protection.child_plan_action&view_type=form")
    form = css(browser, ".o_form_view.o_form_editable")
    type_in(form, "name", story["title"])
    pick(browser, form, "issuer_id", story["committee"])

    open_tab(browser, "section_ids")
    add_line(browser, "section_ids")
    dialog = modal(browser)
    type_in(dialog, "name", "Tuyên truyền, phổ biến pháp luật về trẻ em")
    save_modal(browser)

    open_tab(browser, "indicator_ids")
    add_line(browser, "indicator_ids")
    row = css(browser, "div[name=indicator_ids] tr.o_selected_row")
    type_in(row, "name", "Trẻ em được tuyên truyền về phòng chống xâm hại")
    Select(row.find_element(By.CSS_SELECTOR, "select[name=unit]")).select_by_value('"percent"')
    type_in(row, "target", "85")

    open_tab(browser, "task_ids")
    add_line(browser, "task_ids")
    dialog = modal(browser)
    type_in(dialog, "name", story["task"])
    pick(browser, dialog, "agency_id", story["justice"])
    type_in(dialog, "deadline", "30/11/%d" % story["year"])
    dialog.find_element(By.CSS_SELECTOR, "input[name=deadline]").send_keys(Keys.TAB)  # closes the date picker
    save_modal(browser)

    open_tab(browser, "recipient_ids")
    add_line(browser, "recipient_ids")
    type_in(css(browser, "div[name=recipient_ids] tr.o_selected_row"), "name", "Lưu: VT, LĐTBXH.")
    type_in(form, "signer_position", "Phó Chủ tịch")
    pick(browser, form, "signer_user_id", story["names"]["leader"])
    snapshot(browser, "1-officer-draft")

    css(browser, ".o_form_button_save").click()
    css(browser, ".o_form_view.o_form_readonly")
    click_button(browser, "Trình duyệt")
    wait(browser, lambda _: plan_of(story) and plan_of(story)[0]["state"] == "to_review")
    snapshot(browser, "1-officer-submitted")
    plan = plan_of(story)[0]
    assert [len(plan[key]) for key in ("section_ids", "indicator_ids", "task_ids", "recipient_ids")] == [1, 1, 1, 1]


def test_2_leader_approves_issues_and_downloads_the_pdf(browser, odoo_url, story):  # noqa: F811
    plan_id = plan_of(story)[0]["id"]
    log_in(browser, odoo_url, story["logins"]["leader"])
    open_page(browser, odoo_url, "id=%d&model=child.plan&view_type=form" % plan_id)
    click_button(browser, "Phê duyệt")
    wait(browser, lambda _: plan_of(story)[0]["state"] == "approved")
    click_button(browser, "Ban hành")
    css(browser, ".modal-footer .btn-primary").click()  # "are you sure?"
    number = wait(browser, ec.visibility_of_element_located((By.CSS_SELECTOR, ".o_form_view span[name=number]")))
    wait(browser, lambda _: number.text.strip())
    assert number.text.strip() == "01/KH-UBND"
    snapshot(browser, "2-leader-issued")

    click_button(browser, "PDF")
    pdfs = wait(browser, lambda _: [path for path in story["downloads"].glob("*.pdf")
                                    if not path.with_name(path.name + ".crdownload").exists()])
    time.sleep(0.5)  # the browser renames the file once it is whole
    content = pdfs[0].read_bytes()
    assert content.startswith(b"%PDF")
    text = subprocess.run(["pdftotext", "-layout", str(pdfs[0]), "-"], stdout=subprocess.PIPE, check=True).stdout
    text = text.decode("utf-8")
    assert "01/KH-UBND" in text and story["names"]["leader"] in text
    assert plan_of(story)[0]["state"] == "issued"


def test_3_focal_point_ticks_off_the_task(browser, odoo_url, story):  # noqa: F811
    log_in(browser, odoo_url, story["logins"]["justice"])
    open_page(browser, odoo_url, "action=child_protection.child_plan_task_action_my")
    wait(browser, ec.element_to_be_clickable(
        (By.XPATH, "//div[contains(@class, 'o_kanban_record')][contains(., '%s')]" % story["task"]))).click()
    css(browser, ".o_form_button_edit").click()
    # a progress update, added in the task's own form and saved with it (the focal point's usual way)
    open_tab(browser, "update_ids")
    add_line(browser, "update_ids")
    dialog = modal(browser)
    type_in(dialog, "progress", "60")
    type_in(dialog, "note", "Đã tập huấn xong lớp thứ nhất cho 60 người.")
    save_modal(browser)
    open_tab(browser, "result_note")
    type_in(css(browser, ".o_form_view.o_form_editable"), "result_note",
            "Đã tổ chức 2 lớp tập huấn cho 120 cán bộ, giáo viên và cha mẹ.")
    css(browser, ".o_form_button_save").click()
    settle(browser)
    click_button(browser, "Hoàn thành")
    task_id = plan_of(story)[0]["task_ids"][0]
    wait(browser, lambda _: story["admin"].call("child.plan.task", "read", [task_id], ["state"])[0]["state"]
         == "done")
    snapshot(browser, "3-focal-point-ticked-off")
    task = story["admin"].call("child.plan.task", "read", [task_id], ["state", "progress", "result_note"])[0]
    assert (task["state"], task["progress"]) == ("done", 100)
    assert "120 cán bộ" in task["result_note"]
    updates = story["admin"].call("child.plan.task.update", "search_read", [("task_id", "=", task_id)],
                                  ["progress", "note", "author_id"])
    assert [(u["progress"], u["author_id"][1]) for u in updates] == [(60, story["names"]["justice"])], updates


def test_4_finance_officer_reconciles_a_month(browser, odoo_url, story):  # noqa: F811
    admin, rpc = story["admin"], story["odoo_rpc"]
    finance = rpc.login(story["logins"]["finance"], PASSWORD)
    province, _ward, _sheet = paid_month(admin, finance, year=2030, month=3, names=("Vũ Thị Giang", "Đỗ Văn Hải"))
    province_name = admin.call("child.area", "read", [province], ["name"])[0]["name"]

    log_in(browser, odoo_url, story["logins"]["finance"])
    open_page(browser, odoo_url, "action=child_protection.child_allowance_reconciliation_action&view_type=form")
    form = css(browser, ".o_form_view.o_form_editable")
    pick(browser, form, "area_id", province_name)
    Select(form.find_element(By.CSS_SELECTOR, "select[name=period_type]")).select_by_value('"month"')
    type_in(form, "year", "2030")
    type_in(form, "period_number", "3")
    click_button(browser, "Chạy")
    runs = lambda: admin.call("child.allowance.reconciliation", "search_read", [("area_id", "=", province)],
                              ["state", "line_count", "disbursed_total", "receipted_total", "user_id"])
    wait(browser, lambda _: runs() and runs()[0]["state"] == "done")
    wait(browser, ec.visibility_of_element_located((By.CSS_SELECTOR, ".o_form_view span[name=line_count]")))
    snapshot(browser, "4-finance-reconciled")
    run = runs()[0]
    assert (run["line_count"], run["disbursed_total"], run["receipted_total"]) == (2, 1000000, 1000000)
    assert run["user_id"][0] == finance.uid
    shown = lambda field: browser.find_element(By.CSS_SELECTOR, ".o_form_view span[name=%s]" % field).text.strip()
    assert (shown("line_count"), shown("disbursed_total"), shown("year")) == ("2", "1.000.000", "2030")
