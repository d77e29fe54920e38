"""Benchmark of the issued plan document (issue 6). A script, not a test.

    .venv/bin/python scripts/bench_documents.py DATABASE [--runs 5] [--url http://127.0.0.1:8069]

DATABASE must have the three addons and their demo data (the demo database child_demo), and a server must be
running on it at --url (scripts/setup.sh starts one): Odoo's own wkhtmltopdf report is asked from it over HTTP,
as the web client asks for it. Everything the script does in the database is rolled back.

Timed, as the demo leader, on the demo plan waiting for issue (the Action Month 2021 plan), median of --runs:
1. the layout and PDF (engines/official_document.render_pdf, WeasyPrint);
2. the two PAdES signatures (engines/signing.sign_pdf: the leader's and the committee's, with the seal);
3. the whole issue: number, render, sign, store (child.plan.action_issue, then rolled back to the approved plan);
and, in the same run, Odoo's own qweb-pdf report of the same plan (wkhtmltopdf, the "Draft for review" print).
"""
import argparse
import http.cookiejar
import json
import os
import statistics
import sys
import time
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TARGET = 3.0   # seconds for generating, freezing and signing the plan (issue 6)


def timed(function, runs):
    times, result = [], None
    for _ in range(runs):
        start = time.perf_counter()
        result = function()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def wkhtmltopdf_report(url, database, plan_id):
    """A function that fetches the plan's draft print (Odoo's qweb-pdf report) from the running server."""
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
    body = json.dumps({"jsonrpc": "2.0", "params": {"db": database, "login": "admin",
                                                    "password": "admin"}}).encode()
    opener.open(urllib.request.Request(url + "/web/session/authenticate", body,
                                       {"Content-Type": "application/json"}), timeout=60).read()

    def fetch():
        with opener.open("%s/report/pdf/child_reports.child_plan_draft/%d" % (url, plan_id), timeout=120) as answer:
            data = answer.read()
        if not data.startswith(b"%PDF"):
            raise SystemExit("the server did not answer with a PDF: %r" % data[:200])
        return data
    return fetch


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("database")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--url", default="http://127.0.0.1:8069")
    args = parser.parse_args()

    sys.path.insert(0, ROOT)
    os.chdir(ROOT)
    import odoo
    from odoo import SUPERUSER_ID, api
    odoo.tools.config.parse_config(["-c", os.path.join(ROOT, "odoo.conf"), "-d", args.database,
                                    "--log-level=warn"])
    from odoo.addons.child_reports.engines import official_document, signing
    from odoo.addons.child_protection.models.mail_thread import quiet_context
    with api.Environment.manage():
        registry = odoo.registry(args.database)
        with registry.cursor() as cr:
            try:
                env = api.Environment(cr, SUPERUSER_ID, quiet_context())
                leader = env.ref("child_protection.user_leader_demo")
                # the Action Month plan (issued in the demo as 117/KH-UBND) again, as a draft of the ward committee
                # of Bồ Đề (the district stopped issuing in 2025; the issue is dated today), signed by the leader
                source = env.ref("child_reports.plan_action_month_2021_demo")
                plan = source.copy({"issuer_id": env.ref("child_protection.agency_committee_ward_bo_de_demo").id,
                                    "signer_user_id": leader.id}).sudo(leader)
                plan.action_submit()
                plan.action_approve()
                Document = env["child.document"].sudo(leader)
                doc = plan._document(qr_url=Document._verification_url(Document._new_token()))
                render_time, (pdf, box) = timed(lambda: official_document.render_pdf(doc), args.runs)
                signatures = Document._signatures(plan, box)
                sign_time, signed = timed(lambda: signing.sign_pdf(pdf, signatures), args.runs)
                verify_time, results = timed(lambda: signing.verify_pdf(
                    signed, env["child.signing.certificate"].trust_roots()), args.runs)

                def issue():
                    cr.execute("SAVEPOINT bench_issue")
                    plan.action_issue()
                    document = plan.document_id
                    size = len(document._pdf_bytes())
                    cr.execute("ROLLBACK TO SAVEPOINT bench_issue")
                    env.clear()
                    return size
                issue_time, size = timed(issue, args.runs)
                odoo_time, odoo_pdf = timed(wkhtmltopdf_report(args.url, args.database, source.id), args.runs)

                print("Plan %s, issued by %s, %d run(s) each (medians)" % (plan.name, leader.name, args.runs))
                print("layout and PDF (WeasyPrint):            %6.2f s" % render_time)
                print("two PAdES signatures (pyHanko):         %6.2f s  %s" % (sign_time, ", ".join(
                    "%s %s" % (r["signer"], "valid" if r["valid"] else "NOT VALID") for r in results)))
                print("verification of both (page view):       %6.2f s" % verify_time)
                print("issue: number, PDF, signatures, stored: %6.2f s  (%.0f kB; target %.1f s: %s)" % (
                    issue_time, size / 1e3, TARGET, "met" if issue_time <= TARGET else "NOT MET"))
                print("Odoo's qweb-pdf report (wkhtmltopdf):   %6.2f s  (%.0f kB, unsigned, no QR)" % (
                    odoo_time, len(odoo_pdf) / 1e3))
                print("ratio issue / Odoo's report:            %6.2f" % (issue_time / odoo_time))
                print("ratio PDF alone / Odoo's report:        %6.2f" % (render_time / odoo_time))
            finally:
                cr.rollback()
                print("rolled back: the database is as it was")


if __name__ == "__main__":
    main()
