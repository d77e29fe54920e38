"""What OCA's audit log costs the allowances' bulk paths: each step timed with the suite's audit rules subscribed and
with them unsubscribed, in the same process, everything rolled back.

    .venv/bin/python scripts/bench_auditlog.py DATABASE [--runs 5]

DATABASE: a database with the suite and its demo data (child_demo). Steps, as the demo finance officer:
1. the demo district's sheets for a month without sheets (April 2025: the three wards, seven lines);
2. a province of 100 wards × 50 collaborators (as scripts/bench_reconciliation.py): one month's 100 sheets and
   5,000 lines generated, confirmed (100 sheet writes), and the month reconciled;
3. one ward's 50 lines written one at a time, as the import of disbursements and receipts writes them.
The lines of a generated sheet are inserted in bulk with SQL (child.allowance.sheet._generate_lines): the system's
own generation, logged as the sheet's creation, not line by line.
"""
import argparse
import os
import statistics
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "scripts"))


def once(cr, env, function):
    cr.execute("SAVEPOINT bench_auditlog")
    start = time.perf_counter()
    result = function()
    elapsed = result if isinstance(result, float) else time.perf_counter() - start  # a step may time its part
    cr.execute("ROLLBACK TO SAVEPOINT bench_auditlog")
    env.clear()
    return elapsed


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("database")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    import odoo
    from odoo import SUPERUSER_ID, api
    odoo.tools.config.parse_config(["-c", os.path.join(ROOT, "odoo.conf"), "-d", args.database,
                                    "--log-level=warn"])
    with api.Environment.manage():
        registry = odoo.registry(args.database)
        with registry.cursor() as cr:
            try:
                run(cr, api, SUPERUSER_ID, args.runs)
            finally:
                cr.rollback()


def run(cr, api, SUPERUSER_ID, runs):
    from odoo.addons.child_protection.models.mail_thread import quiet_context
    from bench_reconciliation import make_province, PER_WARD
    root = api.Environment(cr, SUPERUSER_ID, quiet_context(lang="vi_VN"))
    finance = root.ref("child_protection.user_finance_demo")
    env = root(user=finance.id)
    district = root.ref("child_protection.area_long_bien_demo")
    province, _wards = make_province(root, PER_WARD)
    Generate, Run = env["child.allowance.generate"], env["child.allowance.reconciliation"]

    def demo_month():
        Generate.generate(district, "2025-04-01")

    def province_month():
        return Generate.generate(province, "2031-01-01")

    def province_confirm():
        province_month().action_confirm()

    def province_reconcile():
        province_month().action_confirm()
        Run.create({"area_id": province.id, "period_type": "month", "year": 2031, "period_number": 1}).action_run()

    def ward_lines_written():
        """One ward's 50 lines written one by one, as the import of disbursements does (timed alone)."""
        sheet = province_month()[:1]
        sheet.action_confirm()
        start = time.perf_counter()
        for line in sheet.line_ids:
            line.write({"disbursed_amount": line.planned_amount})
        return time.perf_counter() - start

    steps = (("demo district, one month (3 sheets, 7 lines)", demo_month),
             ("province, one month generated (100 sheets, 5,000 lines)", province_month),
             ("  + the 100 sheets confirmed", province_confirm),
             ("  + the month reconciled", province_reconcile),
             ("one ward's 50 lines written one by one (the import's way)", ward_lines_written))
    rules = root["auditlog.rule"].search([("model_id.model", "like", "child.%"), ("state", "=", "subscribed")])
    print("%d audit rules of the suite; medians of %d runs" % (len(rules), runs))
    print("%-58s %10s %10s %8s" % ("step", "logged", "unlogged", "ratio"))
    for label, function in steps:
        once(cr, env, function)  # warm the caches
        logged, unlogged = [], []
        for _ in range(runs):  # alternately, so that a busy moment of the machine falls on both
            logged.append(once(cr, env, function))
            rules._revert_methods()
            unlogged.append(once(cr, env, function))
            rules._patch_methods()
        logged, unlogged = statistics.median(logged), statistics.median(unlogged)
        print("%-58s %9.3fs %9.3fs %7.2fx" % (label, logged, unlogged, logged / unlogged))


if __name__ == "__main__":
    main()
