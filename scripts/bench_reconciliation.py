"""Benchmark of the allowance reconciliation and its workbook at province scale (issue 4). A script, not a test.

    .venv/bin/python scripts/bench_reconciliation.py DATABASE [--runs 3] [--scale 10]

DATABASE must have child_protection and child_reports installed (e.g. the demo database). Everything the script
creates lives in one transaction that it rolls back at the end: the database is left as it was.

1. 5,000 collaborators in 100 wards of a new province (SQL), then the ORM's generation of 12 months of sheets
   (1,200 sheets, 60,000 lines), timed;
2. the sheets disbursed, receipted and settled, with deliberate discrepancies of every kind (SQL);
3. the year reconciled for the province (child.allowance.reconciliation) and its workbook written by the
   report_xlsx report (the engine child_reports/engines/reconciliation_workbook.py), each timed over --runs runs;
4. the baseline in the same run: the same lines read with psycopg2 and written with plain xlsxwriter in
   constant_memory mode;
5. memory (tracemalloc peak of Python allocations) of the reconciliation, of the workbook report (which answers
   with the workbook's bytes, so they count) and of the same workbook written to a file, at 1× and at --scale ×
   the lines (the extra lines inserted with SQL).
"""
import argparse
import os
import statistics
import sys
import tempfile
import time
import tracemalloc

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
WARDS, PER_WARD, MONTHS, YEAR = 100, 50, 12, 2031

BASELINE_QUERY = """
    SELECT ward.name, collaborator.code, collaborator.name, sheet.month, sheet.state, line.planned_amount,
           line.disbursed_amount, line.receipted_amount, line.receipt_date, line.settled_amount
      FROM child_allowance_line line
      JOIN child_allowance_sheet sheet ON sheet.id = line.sheet_id
      JOIN child_area ward ON ward.id = sheet.area_id
      JOIN child_collaborator collaborator ON collaborator.id = line.collaborator_id
     WHERE ward.parent_id = %(province)s AND sheet.month BETWEEN %(date_from)s AND %(date_to)s
     ORDER BY ward.name, collaborator.name, sheet.month
"""


def timed(function, runs):
    times, result = [], None
    for _ in range(runs):
        start = time.perf_counter()
        result = function()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def peak(function):
    tracemalloc.start()
    try:
        function()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def make_province(env, collaborators_per_ward):
    """A province, its wards, a fixed policy and the collaborators (SQL: they are fixtures, not the subject)."""
    from psycopg2.extras import execute_values
    Area = env["child.area"]
    province = Area.create({"name": "Tỉnh Đo Tải %s" % time.time(), "level": "province"})
    wards = [Area.create({"name": "Phường %03d" % index, "level": "commune", "parent_id": province.id})
             for index in range(1, WARDS + 1)]
    env["child.allowance.policy"].create({"name": "NQ đo tải", "area_id": province.id,
                                          "date_start": "%d-01-01" % YEAR, "kind": "fixed", "amount": 500000})
    rows = [("B%s-%03d-%05d" % (province.id, w, c), "Cộng tác viên %03d-%05d" % (w, c), ward.id,
             "%d-01-01" % (YEAR - 1), True)
            for w, ward in enumerate(wards, 1) for c in range(collaborators_per_ward)]
    execute_values(env.cr._obj, "INSERT INTO child_collaborator (code, name, area_id, date_start, active) "
                                "VALUES %s", rows, page_size=5000)
    return province, wards


def pay_with_discrepancies(cr, province):
    """Every sheet settled with its amounts paid in full, then about 1 % of the lines made wrong, every kind."""
    cr.execute("""UPDATE child_allowance_line line SET disbursed_amount = planned_amount,
                         receipted_amount = planned_amount, receipt_signed = TRUE,
                         receipt_date = month + 5, settled_amount = planned_amount
                    FROM child_area ward WHERE ward.id = line.area_id AND ward.parent_id = %s""", [province.id])
    cr.execute("UPDATE child_allowance_sheet sheet SET state = 'settled' FROM child_area ward "
               "WHERE ward.id = sheet.area_id AND ward.parent_id = %s", [province.id])
    lines = "SELECT line.id FROM child_allowance_line line JOIN child_area ward ON ward.id = line.area_id " \
            "WHERE ward.parent_id = %s AND line.id %% 500 = {}".format
    cr.execute("UPDATE child_allowance_line SET disbursed_amount = 450000, receipted_amount = 450000, "
               "settled_amount = 450000 WHERE id IN ({})".format(lines(1)), [province.id])
    cr.execute("UPDATE child_allowance_line SET receipt_signed = FALSE, receipted_amount = 0, settled_amount = 0 "
               "WHERE id IN ({})".format(lines(2)), [province.id])
    cr.execute("UPDATE child_allowance_line SET receipted_amount = 400000, settled_amount = 400000 "
               "WHERE id IN ({})".format(lines(3)), [province.id])
    cr.execute("UPDATE child_allowance_line SET settled_amount = 300000 WHERE id IN ({})".format(lines(4)),
               [province.id])
    # collaborators who left at the end of June, still paid in the second half
    cr.execute("UPDATE child_collaborator SET date_end = %s WHERE area_id IN (SELECT id FROM child_area "
               "WHERE parent_id = %s) AND id %% 997 = 0", ["%d-06-30" % YEAR, province.id])
    # paid twice: a line for the first collaborator of each tenth ward on the next ward's sheet of the same month
    cr.execute("""INSERT INTO child_allowance_line (sheet_id, collaborator_id, area_id, month, planned_amount,
                         disbursed_amount, receipted_amount, receipt_signed, receipt_date, settled_amount, days)
                  SELECT other.id, line.collaborator_id, other.area_id, other.month, line.planned_amount,
                         line.disbursed_amount, line.receipted_amount, TRUE, line.receipt_date,
                         line.settled_amount, line.days
                    FROM child_allowance_line line
                    JOIN child_allowance_sheet sheet ON sheet.id = line.sheet_id
                    JOIN child_allowance_sheet other ON other.month = sheet.month AND other.area_id = sheet.area_id + 1
                   WHERE sheet.area_id IN (SELECT id FROM child_area WHERE parent_id = %s AND id %% 10 = 0)
                     AND line.collaborator_id = (SELECT MIN(collaborator_id) FROM child_allowance_line
                                                  WHERE sheet_id = sheet.id)""", [province.id])


def grow(cr, province, factor):
    """Make the province's lines ``factor`` times as many: copies of every collaborator and line (SQL)."""
    for copy in range(1, factor):
        cr.execute("""CREATE TEMP TABLE collaborator_copy ON COMMIT DROP AS
                      SELECT id AS old_id, nextval('child_collaborator_id_seq') AS new_id FROM child_collaborator
                       WHERE area_id IN (SELECT id FROM child_area WHERE parent_id = %s) AND code NOT LIKE '%%-x%%'""",
                   [province.id])
        cr.execute("""INSERT INTO child_collaborator (id, code, name, area_id, date_start, date_end, active)
                      SELECT copy.new_id, c.code || '-x' || %s, c.name || ' ' || %s, c.area_id, c.date_start,
                             c.date_end, TRUE
                        FROM collaborator_copy copy JOIN child_collaborator c ON c.id = copy.old_id""",
                   [copy, copy])
        cr.execute("""INSERT INTO child_allowance_line (sheet_id, collaborator_id, area_id, month, planned_amount,
                             disbursed_amount, receipted_amount, receipt_signed, receipt_date, settled_amount, days)
                      SELECT l.sheet_id, copy.new_id, l.area_id, l.month, l.planned_amount, l.disbursed_amount,
                             l.receipted_amount, l.receipt_signed, l.receipt_date, l.settled_amount, l.days
                        FROM child_allowance_line l JOIN collaborator_copy copy ON copy.old_id = l.collaborator_id""")
        cr.execute("DROP TABLE collaborator_copy")


def baseline(cr, province, path):
    """Read the same lines with psycopg2 and write them with plain xlsxwriter (constant_memory)."""
    import xlsxwriter
    cr.execute("SET LOCAL cursor_tuple_fraction = 1.0")  # as the reconciliation does
    cursor = cr._cnx.cursor("bench_baseline")
    cursor.itersize = 5000
    cursor.execute(BASELINE_QUERY, {"province": province.id, "date_from": "%d-01-01" % YEAR,
                                    "date_to": "%d-12-31" % YEAR})
    workbook = xlsxwriter.Workbook(path, {"constant_memory": True})
    sheet = workbook.add_worksheet()
    money = workbook.add_format({"num_format": "#,##0"})
    count = 0
    for row_number, row in enumerate(cursor, 1):
        sheet.write_row(row_number, 0, row[:5])
        for col in (5, 6, 7, 9):
            sheet.write_number(row_number, col, row[col] or 0, money)
        sheet.write(row_number, 8, row[8] or "")
        count += 1
    cursor.close()
    workbook.close()
    return count


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("database")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--scale", type=int, default=10, help="the lines are multiplied by this for memory")
    args = parser.parse_args()

    sys.path.insert(0, ROOT)
    os.chdir(ROOT)
    import odoo
    from odoo import SUPERUSER_ID, api
    odoo.tools.config.parse_config(["-c", os.path.join(ROOT, "odoo.conf"), "-d", args.database,
                                    "--log-level=warn"])
    with api.Environment.manage():
        run_benchmark(odoo, api, SUPERUSER_ID, args)


def run_benchmark(odoo, api, SUPERUSER_ID, args):
    registry = odoo.registry(args.database)
    with registry.cursor() as cr:
        from odoo.addons.child_protection.models.mail_thread import quiet_context
        env = api.Environment(cr, SUPERUSER_ID, quiet_context(lang="vi_VN"))
        try:
            print("Benchmark: %d wards × %d collaborators × %d months, %d run(s) each" % (
                WARDS, PER_WARD, MONTHS, args.runs))
            province, _wards = make_province(env, PER_WARD)
            start = time.perf_counter()
            for month in range(1, MONTHS + 1):
                env["child.allowance.generate"].generate(province, "%d-%02d-01" % (YEAR, month))
            generation = time.perf_counter() - start
            pay_with_discrepancies(cr, province)
            cr.execute("ANALYZE child_allowance_line, child_allowance_sheet, child_collaborator, child_area")
            env.clear()
            report = env.ref("child_reports.child_allowance_reconciliation_xlsx")
            Run = env["child.allowance.reconciliation"]

            def reconcile():
                run = Run.create({"area_id": province.id, "period_type": "year", "year": YEAR})
                run.action_run()
                return run

            def workbook(run):
                return report.render_xlsx(run.ids, {})[0]

            def workbook_to_file(run):
                """The same workbook written to a file, as the baseline does: what the report holds besides the
                bytes it answers with."""
                import xlsxwriter
                book = xlsxwriter.Workbook(os.path.join(tempfile.mkdtemp(), "ours.xlsx"), {"constant_memory": True})
                env["report.child_reports.reconciliation_xlsx"].with_context(
                    active_model=run._name).generate_xlsx_report(book, {}, run)
                book.close()

            recon_time, run = timed(reconcile, args.runs)
            book_time, content = timed(lambda: workbook(run), args.runs)
            path = os.path.join(tempfile.mkdtemp(), "baseline.xlsx")
            base_time, base_count = timed(lambda: baseline(cr, province, path), args.runs)
            ours = recon_time + book_time
            print("lines: %d, discrepancies: %d (%s)" % (run.line_count, run.discrepancy_count, ", ".join(
                "%s %d" % (kind, count) for kind, count in sorted(
                    __import__("collections").Counter(run.discrepancy_ids.mapped("kind")).items()))))
            print("generation (ORM, 1,200 sheets):   %7.2f s" % generation)
            print("reconciliation (median):           %7.2f s" % recon_time)
            print("workbook (median, %5.1f MB):        %7.2f s" % (len(content) / 1e6, book_time))
            print("reconciliation + workbook:         %7.2f s" % ours)
            print("baseline psycopg2 + xlsxwriter:    %7.2f s (%d lines, %.1f MB)" % (
                base_time, base_count, os.path.getsize(path) / 1e6))
            print("ratio (ours / baseline):           %7.2f" % (ours / base_time))

            memory = []
            for factor in (1, args.scale):
                if factor > 1:
                    grow(cr, province, factor)
                    cr.execute("ANALYZE child_allowance_line, child_collaborator")
                    env.clear()
                run = reconcile()
                memory.append((factor, run.line_count, peak(reconcile), peak(lambda: workbook(run)),
                               peak(lambda: workbook_to_file(run)), peak(lambda: baseline(cr, province, path))))
                print("memory at %2d× (%7d lines): reconciliation %6.1f MB, workbook report %6.1f MB (to a file "
                      "%5.1f MB), baseline to a file %5.1f MB" % (
                          factor, memory[-1][1], memory[-1][2] / 1e6, memory[-1][3] / 1e6, memory[-1][4] / 1e6,
                          memory[-1][5] / 1e6))
        finally:
            cr.rollback()
            print("rolled back: the database is as it was")


if __name__ == "__main__":
    main()
