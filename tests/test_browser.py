"""End to end in a real browser: headless Chromium (Debian's, through its chromedriver) against the live test
server, as the people who would click.

Fixture data of its own, set up over XML-RPC by the administrator. The users work in Vietnamese, as the offices
do: the steps find fields by their technical names and header buttons by their Vietnamese labels.
"""
import datetime
import shutil
import tempfile
import time

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as ec
from selenium.webdriver.support.ui import WebDriverWait

from signing_setup import add_seal, add_signer
from test_plan_xmlrpc import PASSWORD, unique

WAIT = 30  # seconds for a page or a server round trip


@pytest.fixture(scope="module")
def browser():
    profile = tempfile.mkdtemp(prefix="child-browser-")
    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which("chromium") or "/usr/bin/chromium"
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--no-first-run", "--window-size=1400,1000", "--user-data-dir=%s" % profile):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(shutil.which("chromedriver") or "/usr/bin/chromedriver"),
                              options=options)
    driver.set_page_load_timeout(WAIT)
    yield driver
    driver.quit()
    shutil.rmtree(profile, ignore_errors=True)


@pytest.fixture(scope="module")
def world(odoo_rpc, admin):
    """A district with its committee and two offices, their focal points, an officer, a leader, and a plan of
    the current year: one approved (to be issued in the browser), one issued with a task for each office."""
    area = admin.call("child.area", "create", {"name": unique("Quận Trình Duyệt"), "place_name": "Trình Duyệt",
                                               "level": "district"})
    agency = lambda name, code, kind="department": admin.call("child.agency", "create", {
        "name": unique(name), "code": code, "kind": kind, "area_id": area})
    committee_name = unique("UBND quận")
    committee = admin.call("child.agency", "create", {"name": committee_name, "code": "UBND", "kind": "committee",
                                                       "area_id": area})
    justice, health = agency("Tư pháp", "TP"), agency("Y tế", "YT")
    logins = {}
    for role, group, agencies in (("officer", "group_plan_officer", []), ("leader", "group_leader", []),
                                  ("justice", "group_focal_point", [justice])):
        login = unique(role).replace(" ", "_")
        name = unique(role.title())
        user_id = admin.call("res.users", "create", {
            "name": name, "login": login, "password": PASSWORD, "email": "%s@example.org" % login,
            "lang": "vi_VN", "groups_id": [(6, 0, [admin.ref("child_protection.%s" % group)])],
            "child_agency_ids": [(6, 0, agencies)]})
        logins[role] = login
        if role == "leader":   # the plans' signer: their certificate and the committee's seal
            add_signer(admin, user_id, name)
            add_seal(admin, committee)
    officer, leader = (odoo_rpc.login(logins[r], PASSWORD) for r in ("officer", "leader"))
    year = datetime.date.today().year

    def approved_plan(name):
        plan = officer.call("child.plan", "create", {
            "name": name, "year": year, "issuer_id": committee,
            "section_ids": [(0, 0, {"name": "Tuyên truyền"})],
            "indicator_ids": [(0, 0, {"name": "Trẻ em tham gia", "unit": "percent", "target": 85})],
            "recipient_ids": [(0, 0, {"name": "Lưu: VT."})],
            "signer_collective": "Ủy ban nhân dân", "signer_authority": "kt", "signer_head_title": "Chủ tịch",
            "signer_position": "Phó Chủ tịch", "signer_user_id": leader.uid})
        officer.call("child.plan", "action_submit", [plan])
        leader.call("child.plan", "action_approve", [plan])
        return plan

    to_issue = approved_plan(unique("Kế hoạch ban hành trên trình duyệt"))
    issued = approved_plan(unique("Kế hoạch có nhiệm vụ"))
    leader.call("child.plan", "action_issue", [issued])
    deadline = datetime.date(year, 12, 31).isoformat()
    tasks = {name: officer.call("child.plan.task", "create", {
        "plan_id": issued, "name": name, "agency_id": agency_id, "deadline": deadline})
        for name, agency_id in ((unique("Nhiệm vụ tư pháp"), justice), (unique("Nhiệm vụ y tế"), health))}
    return dict(logins=logins, to_issue=to_issue, tasks=tasks, committee_name=committee_name, year=year)


def log_in(browser, url, login):
    browser.delete_all_cookies()
    browser.get("%s/web/login" % url)
    browser.find_element(By.NAME, "login").send_keys(login)
    browser.find_element(By.NAME, "password").send_keys(PASSWORD)
    browser.find_element(By.CSS_SELECTOR, "form button[type=submit]").click()
    WebDriverWait(browser, WAIT).until(ec.presence_of_element_located((By.CSS_SELECTOR, ".o_web_client .o_main")))


def open_page(browser, odoo_url, fragment):
    """Load the web client at ``fragment`` (an action, a record) as a new page: after the login the browser is on
    /web already, and a mere change of the fragment can be overwritten by the home action still loading."""
    browser.get("%s/web?step=%d#%s" % (odoo_url, time.time() * 1000, fragment))
    WebDriverWait(browser, WAIT).until(ec.presence_of_element_located(
        (By.CSS_SELECTOR, ".o_web_client .o_main .o_content > *")))


def header_button(label):
    return By.XPATH, "//div[contains(@class, 'o_statusbar_buttons')]/button[normalize-space()='%s']" % label


def test_leader_issues_a_plan_in_the_web_client(browser, odoo_url, world, admin):
    log_in(browser, odoo_url, world["logins"]["leader"])
    open_page(browser, odoo_url, "id=%d&model=child.plan&view_type=form" % world["to_issue"])
    WebDriverWait(browser, WAIT).until(ec.element_to_be_clickable(header_button("Ban hành"))).click()
    WebDriverWait(browser, WAIT).until(ec.element_to_be_clickable(
        (By.CSS_SELECTOR, ".modal-footer .btn-primary"))).click()  # the confirmation
    number = WebDriverWait(browser, WAIT).until(ec.visibility_of_element_located(
        (By.CSS_SELECTOR, ".o_form_view span[name=number]")))
    WebDriverWait(browser, WAIT).until(lambda _: number.text.strip())
    assert number.text.strip() == "02/KH-UBND"  # the committee's second plan of the year (see world)
    stored = admin.call("child.plan", "read", [world["to_issue"]], ["state", "number"])[0]
    assert (stored["state"], stored["number"]) == ("issued", "02/KH-UBND")
    year = browser.find_element(By.CSS_SELECTOR, ".o_form_view span[name=year]").text
    assert year == str(world["year"])  # a year, not an amount: no thousands separator


def test_focal_point_sees_only_their_agency_cards(browser, odoo_url, world):
    log_in(browser, odoo_url, world["logins"]["justice"])
    open_page(browser, odoo_url, "action=child_protection.child_plan_task_action_my")
    WebDriverWait(browser, WAIT).until(ec.presence_of_element_located((By.CSS_SELECTOR, ".o_kanban_record")))
    cards = [card.text for card in browser.find_elements(By.CSS_SELECTOR, ".o_kanban_record")]
    justice_task, health_task = world["tasks"]
    assert any(justice_task in card for card in cards), cards
    assert not any(health_task in card for card in cards), cards
    # the list of all tasks is not theirs: no menu, and the record rules hold there too
    open_page(browser, odoo_url, "action=child_protection.child_plan_task_action&view_type=list")
    WebDriverWait(browser, WAIT).until(ec.presence_of_element_located((By.CSS_SELECTOR, ".o_list_view")))
    rows = " ".join(row.text for row in browser.find_elements(By.CSS_SELECTOR, ".o_list_view tbody tr"))
    assert justice_task in rows and health_task not in rows


def test_bad_year_is_refused_with_a_message_naming_the_field(browser, odoo_url, world, admin):
    log_in(browser, odoo_url, world["logins"]["officer"])
    open_page(browser, odoo_url, "action=child_protection.child_plan_action&view_type=form")
    title = unique("Kế hoạch năm sai")
    WebDriverWait(browser, WAIT).until(ec.element_to_be_clickable((By.CSS_SELECTOR, ".o_form_view input[name=name]")))
    form = browser.find_element(By.CSS_SELECTOR, ".o_form_view")
    form.find_element(By.CSS_SELECTOR, "input[name=name]").send_keys(title)
    year = form.find_element(By.CSS_SELECTOR, "input[name=year]")
    year.clear()
    year.send_keys("1999")
    issuer = form.find_element(By.CSS_SELECTOR, "div[name=issuer_id] input")
    issuer.send_keys(world["committee_name"])
    WebDriverWait(browser, WAIT).until(ec.element_to_be_clickable(
        (By.CSS_SELECTOR, "ul.ui-autocomplete li a"))).click()
    browser.find_element(By.CSS_SELECTOR, ".o_form_button_save").click()
    dialog = WebDriverWait(browser, WAIT).until(ec.visibility_of_element_located((By.CSS_SELECTOR, ".modal-body")))
    assert "1999" in dialog.text and "2000" in dialog.text and "2100" in dialog.text, dialog.text
    assert admin.call("child.plan", "search_count", [("name", "=", title)]) == 0
