"""Audit of the issued documents of a database, as they are stored (issue 12). An auditor's command, read-only.

    .venv/bin/python scripts/audit_documents.py DATABASE [--anchors FILE] [--save-anchors FILE]

For every issued document (child.document): its PDF in the filestore (present, readable, the SHA-256 recorded at
issue), its PAdES signatures against the trusted authorities configured in the database (offline), and the
register chain of every issuing body (each entry's hash over the previous entry's hash and the document's fields):
what was changed behind the application (SQL, the filestore, a restored backup) shows here.

A valid chain that is shorter than it was (its last entries removed, an older backup restored) is still a valid
chain: keep the heads of a run (``--save-anchors FILE``, e.g. monthly, somewhere the database administrators
cannot write) and give them to a later run (``--anchors FILE``), which checks that every register still holds them.

Prints each problem (document number, issuer, what, expected vs found), or "all N documents of M issuers
verified". Exit status: 0 all verified, 1 a problem found, 2 the audit could not run (no such database...).
Nothing is written to the database (the transaction is rolled back).
"""
import argparse
import json
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def load_anchors(path):
    with open(path, encoding="utf-8") as stream:
        anchors = json.load(stream)
    if not isinstance(anchors, list) or not all(
            isinstance(a, dict) and isinstance(a.get("issuer_id"), int) and isinstance(a.get("seq"), int)
            and isinstance(a.get("hash"), str) for a in anchors):
        raise ValueError("%s: a list of {issuer_id, seq, hash} (written by --save-anchors) expected" % path)
    return anchors


def report(result, out=sys.stdout):
    """Print the audit's result; True when everything verified."""
    for problem in result["problems"]:
        out.write("PROBLEM  %s (%s): %s\n         expected: %s\n         found:    %s\n" % (
            problem["number"], problem["issuer"], problem["what"], problem["expected"], problem["found"]))
    for head in result["heads"]:
        out.write("head     %s: entry %s (%s) %s\n" % (head["issuer"], head["seq"], head["number"], head["hash"]))
    if result["problems"]:
        out.write("%d problem(s) in %d documents of %d issuers\n" % (
            len(result["problems"]), result["documents"], result["issuers"]))
        return False
    out.write("all %d documents of %d issuers verified\n" % (result["documents"], result["issuers"]))
    return True


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("database")
    parser.add_argument("--anchors", help="heads kept from an earlier run (JSON): each register must still hold them")
    parser.add_argument("--save-anchors", help="write the registers' heads of this run to this file (JSON)")
    parser.add_argument("--config", default=os.path.join(ROOT, "odoo.conf"))
    args = parser.parse_args()
    try:
        anchors = load_anchors(args.anchors) if args.anchors else []
    except (OSError, ValueError) as error:
        print("cannot read the anchors: %s" % error, file=sys.stderr)
        return 2

    sys.path.insert(0, ROOT)
    os.chdir(ROOT)
    import odoo
    from odoo import SUPERUSER_ID, api
    odoo.tools.config.parse_config(["-c", args.config, "-d", args.database, "--log-level=warn"])
    try:
        with api.Environment.manage():
            registry = odoo.registry(args.database)
            with registry.cursor() as cr:
                try:
                    env = api.Environment(cr, SUPERUSER_ID, {})
                    if "child.document" not in env:
                        print("%s has no child_reports addon installed" % args.database, file=sys.stderr)
                        return 2
                    result = env["child.document"]._audit(anchors)
                finally:
                    cr.rollback()
    except Exception as error:  # noqa: BLE001 - no database, no connection...: say so, exit 2
        print("the audit could not run on %s: %s" % (args.database, error), file=sys.stderr)
        return 2
    if args.save_anchors:
        with open(args.save_anchors, "w", encoding="utf-8") as stream:
            json.dump(result["heads"], stream, ensure_ascii=False, indent=1)
    return 0 if report(result) else 1


if __name__ == "__main__":
    sys.exit(main())
