"""Load test of a multi-process Odoo server with the demo users' daily work over XML-RPC. A script, not a test.

    .venv/bin/python scripts/load_test.py DATABASE [--create] [--ops 2000] [--clients 20] [--workers N] [--port 8369]
    .venv/bin/python scripts/load_test.py DATABASE --url http://127.0.0.1:8369   # a server already running

DATABASE must hold the three addons and their demo data, and must not be the demo database child_demo: the
script writes to it (task updates, reconciliation runs, web.base.url). Make one with --create (a fresh install with
the demo data and Vietnamese, under a minute on a quiet machine), or copy the demo database when nothing is
connected to it: `createdb -h 127.0.0.1 -U odoo -T child_demo child_load`.

Without --url the script starts its own server through scripts/lib.sh (start_server, scripts/odoo with odoo.conf)
in multi-process mode on 127.0.0.1:--port (by default 2 x CPUs + 1 HTTP workers, one cron worker and the limits
of the README's deployment section), runs the load, and stops it. With --url it only sends the load.
Its longpolling process (port + 3) does not start: Odoo relaunches itself as `python <argv[0]> gevent`, and
scripts/odoo runs it with `python -c` (see the README's deployment section); XML-RPC does not use it.

--clients threads, each with its own connections and one demo user (password `demo`), share --ops operations
(after --warmup untimed ones), each operation what the web client asks for one step of a user's work:
- my_tasks (focal points, finance, ward): the 'My tasks' list, child.plan.task search_read with the menu's
  domain (tasks of the user's agencies, lead or coordinating; occurrences, not recurring frames);
- task_update (focal points): a progress update on one of their open tasks (child.plan.task.update create),
  then the task read back as the form does;
- plan_read (officer, leader, viewer, focal points): a plan's form, child.plan read then its lines (sections,
  indicators, tasks, legal bases, recipients);
- reconcile (finance): a ward-month reconciled as the form does it (child.allowance.reconciliation create, Run,
  totals read back); each run is a new record, so it can be repeated as often as wanted.

Printed: the configuration, count / p50 / p95 / max latency in ms per operation, the throughput, the errors (the
first few messages), the machine's load average before and after and how its CPU was shared during the run (the
server's, the clients', the rest: PostgreSQL and other people's work), the most database connections seen, the
server's memory and the errors and time or memory limits in its log. Exits 1 when any operation failed.
"""
import argparse
import collections
import math
import os
import random
import re
import shlex
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
import xmlrpc.client

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PASSWORD = "demo"
ADDONS = "child_protection,child_events,child_reports"
GiB = 1024 ** 3

# Who the clients are, in the order they are handed out: 12 focal points, 5 plan readers, 3 finance officers.
CLIENT_USERS = ["justice", "health", "education", "police", "insurance", "ward",
                "officer", "viewer", "finance",
                "justice", "health", "education", "police", "insurance", "ward",
                "leader", "viewer", "finance", "officer", "finance"]
# Operation weights by user.
FOCAL = {"my_tasks": 55, "task_update": 25, "plan_read": 20}
PROFILES = dict({user: FOCAL for user in ("justice", "health", "education", "police", "insurance", "ward")},
                officer={"plan_read": 80, "my_tasks": 20}, leader={"plan_read": 100}, viewer={"plan_read": 100},
                finance={"reconcile": 40, "my_tasks": 35, "plan_read": 25})
OPERATIONS = ("my_tasks", "task_update", "plan_read", "reconcile")

TASK_LIST_FIELDS = ["name", "plan_id", "section_id", "agency_id", "deadline", "progress", "last_status",
                    "is_overdue", "is_due_soon", "state", "color"]
PLAN_FIELDS = ["name", "number", "year", "state", "issuer_id", "area_id", "summary", "purpose", "signer_position",
               "signer_name", "issue_date", "user_id", "section_ids", "indicator_ids", "recipient_ids",
               "legal_basis_ids", "task_ids", "task_count", "task_progress", "task_overdue_count",
               "indicator_met_count", "indicator_count"]
PLAN_LINES = [("section_ids", "child.plan.section", ["sequence", "number", "name", "body"]),
              ("indicator_ids", "child.plan.indicator", ["name", "unit", "comparison", "target", "target_display",
                                                         "achievement", "is_met", "result_display"]),
              ("task_ids", "child.plan.task", ["name", "section_id", "agency_id", "deadline", "progress",
                                               "is_overdue", "state"]),
              ("legal_basis_ids", "child.plan.legal.basis", ["sequence", "name"]),
              ("recipient_ids", "child.plan.recipient", ["sequence", "name"])]
RECONCILIATION_FIELDS = ["name", "state", "line_count", "planned_total", "disbursed_total", "receipted_total",
                         "settled_total", "discrepancy_count"]


def my_tasks_domain(uid):
    """The 'My tasks' menu: its default filters 'My agencies' and 'Tasks and occurrences'."""
    return ["|", ("agency_id.user_ids", "in", uid), ("coordinating_agency_ids.user_ids", "in", uid),
            ("recurrence", "=", False)]


class Client:
    """One user at one browser: its own XML-RPC connections (a ServerProxy is not shared between threads)."""

    def __init__(self, url, database, login, seed):
        self.database, self.login = database, login
        self.common = xmlrpc.client.ServerProxy(url + "/xmlrpc/2/common", allow_none=True)
        self.models = xmlrpc.client.ServerProxy(url + "/xmlrpc/2/object", allow_none=True)
        self.random = random.Random(seed)
        self.uid = self.common.authenticate(database, login, PASSWORD, {})
        if not self.uid:
            raise SystemExit("%s/%s: login refused on %s (a database with the demo data?)"
                             % (login, PASSWORD, database))
        self.weights = PROFILES[login]
        self.open_tasks, self.plans, self.ward_months = [], [], []

    def call(self, model, method, *args, **kwargs):
        return self.models.execute_kw(self.database, self.uid, PASSWORD, model, method, list(args), kwargs)

    def prepare(self):
        """What the user's screens offer them to click on (untimed)."""
        if "task_update" in self.weights:
            self.open_tasks = self.call("child.plan.task", "search", my_tasks_domain(self.uid) + [
                ("state", "in", ["todo", "in_progress"]), ("plan_id.state", "in", ["issued", "in_progress"])])
        if "plan_read" in self.weights:
            self.plans = self.call("child.plan", "search", [])
        if "reconcile" in self.weights:
            sheets = self.call("child.allowance.sheet", "search_read", [], fields=["area_id", "month"])
            self.ward_months = sorted({(sheet["area_id"][0], sheet["month"]) for sheet in sheets})

    def choose(self):
        names = [name for name in self.weights if self.possible(name)]
        return self.random.choices(names, [self.weights[name] for name in names])[0]

    def possible(self, name):
        return {"task_update": self.open_tasks, "plan_read": self.plans,
                "reconcile": self.ward_months}.get(name, True)

    # The operations ---------------------------------------------------------------------------------------------

    def my_tasks(self):
        self.call("child.plan.task", "search_read", my_tasks_domain(self.uid), fields=TASK_LIST_FIELDS,
                  limit=80, order="deadline, id")

    def task_update(self):
        task_id = self.random.choice(self.open_tasks)
        self.call("child.plan.task.update", "create", {
            "task_id": task_id, "progress": self.random.randint(10, 90),
            "status": self.random.choice(["on_track", "on_track", "at_risk"]),
            "note": "Tiến độ tuần (kiểm thử tải, %s)" % self.login})
        self.call("child.plan.task", "read", [task_id], ["name", "state", "progress", "last_status",
                                                         "update_ids"])

    def plan_read(self):
        plan = self.call("child.plan", "read", [self.random.choice(self.plans)], PLAN_FIELDS)[0]
        for field, model, fields in PLAN_LINES:
            if plan[field]:
                self.call(model, "read", plan[field], fields)

    def reconcile(self):
        area_id, month = self.random.choice(self.ward_months)
        run_id = self.call("child.allowance.reconciliation", "create", {
            "area_id": area_id, "period_type": "month", "year": int(month[:4]), "period_number": int(month[5:7])})
        self.call("child.allowance.reconciliation", "action_run", [run_id])
        run = self.call("child.allowance.reconciliation", "read", [run_id], RECONCILIATION_FIELDS)[0]
        if run["state"] != "done":
            raise RuntimeError("reconciliation %s was not run" % run["name"])


class Load:
    """The shared count of operations left and what was measured."""

    def __init__(self, total, warmup):
        self.lock = threading.Lock()
        self.left, self.warmup_left, self.warmup_running = total, warmup, 0
        self.latencies = collections.defaultdict(list)
        self.errors = []

    def ticket(self):
        """'warmup', 'timed' or None when every operation has been handed out."""
        with self.lock:
            if self.warmup_left > 0:
                self.warmup_left -= 1
                self.warmup_running += 1
                return "warmup"
            if self.left > 0:
                self.left -= 1
                return "timed"
            return None

    def run(self, client, timed_start):
        while True:
            kind = self.ticket()
            if kind is None:
                return
            if kind == "timed":
                timed_start.wait()
            name = client.choose()
            start = time.perf_counter()
            error = None
            try:
                getattr(client, name)()
            except Exception as failure:  # counted and reported: the load goes on
                error = getattr(failure, "faultString", None) or repr(failure)
            elapsed = time.perf_counter() - start
            with self.lock:
                if kind == "warmup":
                    self.warmup_running -= 1
                if error:
                    self.errors.append("%s (%s): %s" % (name, client.login, error.strip().splitlines()[-1]))
                elif kind == "timed":
                    self.latencies[name].append(elapsed)

    def warmed_up(self):
        with self.lock:
            return self.warmup_left == 0 and self.warmup_running == 0


def percentile(values, fraction):
    """Nearest-rank percentile of a non-empty list."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(fraction * len(ordered)) - 1)]


def bash(*command):
    """Run a function of scripts/lib.sh."""
    subprocess.run(["bash", "-c", 'source "$0/scripts/lib.sh"; "$@"', ROOT] + list(command), check=True)


def server_options(args):
    return ["-d", args.database, "--db-filter=^%s$" % args.database, "--workers=%d" % args.workers,
            "--max-cron-threads=%d" % args.max_cron_threads, "--limit-time-cpu=%d" % args.limit_time_cpu,
            "--limit-time-real=%d" % args.limit_time_real, "--limit-memory-soft=%d" % args.limit_memory_soft,
            "--limit-memory-hard=%d" % args.limit_memory_hard, "--db_maxconn=%d" % args.db_maxconn,
            "--longpolling-port=%d" % (args.port + 3), "--log-level=warn"]


def database_exists(database):
    answer = subprocess.run(["bash", "-c", 'source "$0/scripts/lib.sh"; db_exists "$1" && echo yes', ROOT,
                             database], stdout=subprocess.PIPE, universal_newlines=True)
    return answer.stdout.strip() == "yes"


def server_processes(pidfile):
    import psutil
    master = psutil.Process(int(open(pidfile).read()))
    return [master] + master.children(recursive=True)


def server_cpu(pidfile):
    """CPU seconds used so far by the server's processes (by pid), or {}."""
    try:
        seconds = {}
        for process in server_processes(pidfile):
            try:
                times = process.cpu_times()
                seconds[process.pid] = times.user + times.system
            except Exception:
                pass
        return seconds
    except Exception:
        return {}


def machine_busy():
    """CPU seconds the whole machine spent busy so far (all CPUs)."""
    import psutil
    times = psutil.cpu_times()
    return sum(times) - times.idle - getattr(times, "iowait", 0)


class ConnectionSampler(threading.Thread):
    """The number of PostgreSQL connections to the database, sampled every half second (psql as the odoo role)."""

    def __init__(self, database):
        super().__init__(daemon=True)
        self.database, self.samples, self.stop = database, [], threading.Event()

    def run(self):
        query = "SELECT count(*) FROM pg_stat_activity WHERE datname = '%s'" % self.database.replace("'", "")
        while not self.stop.wait(0.5):
            answer = subprocess.run(["psql", "-h", "127.0.0.1", "-U", "odoo", "-d", "postgres", "-qtA", "-c", query],
                                    stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, universal_newlines=True)
            if answer.returncode == 0 and answer.stdout.strip().isdigit():
                self.samples.append(int(answer.stdout))


def server_memory(pidfile):
    """(processes, largest RSS, largest virtual size) in MiB of the server's processes, or None."""
    try:
        processes = server_processes(pidfile)
        infos = [process.memory_info() for process in processes]
        return len(processes), max(i.rss for i in infos) / 2 ** 20, max(i.vms for i in infos) / 2 ** 20
    except Exception:
        return None


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("database")
    parser.add_argument("--ops", type=int, default=2000, help="timed operations in all (default 2000)")
    parser.add_argument("--clients", type=int, default=20, help="concurrent clients (default 20)")
    parser.add_argument("--warmup", type=int, default=40, help="untimed operations first (default 40)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--url", help="an Odoo server already running on DATABASE: no server is started")
    parser.add_argument("--port", type=int, default=8369, help="HTTP port of the server started (default 8369; "
                                                               "longpolling on port + 3)")
    parser.add_argument("--workers", type=int, default=2 * os.cpu_count() + 1,
                        help="HTTP worker processes (default 2 x CPUs + 1: %(default)s here)")
    parser.add_argument("--max-cron-threads", type=int, default=1)
    parser.add_argument("--limit-time-cpu", type=int, default=120, help="seconds (Odoo's default 60)")
    parser.add_argument("--limit-time-real", type=int, default=300, help="seconds (Odoo's default 120)")
    parser.add_argument("--limit-memory-soft", type=int, default=GiB,
                        help="bytes of virtual memory (default 1 GiB; Odoo's 2 GiB)")
    parser.add_argument("--limit-memory-hard", type=int, default=2 * GiB,
                        help="bytes of virtual memory (default 2 GiB; Odoo's 2.5 GiB; wkhtmltopdf needs 1.4 GiB)")
    parser.add_argument("--db-maxconn", type=int, default=32, help="per process (Odoo's default 64)")
    parser.add_argument("--create", action="store_true",
                        help="install DATABASE with the addons, demo data and Vietnamese if it does not exist")
    args = parser.parse_args()
    if args.database == "child_demo":
        raise SystemExit("the load test writes to its database: give it a copy of the demo data, not child_demo")

    run_dir = os.path.join(ROOT, ".data", "load-test")
    os.makedirs(run_dir, exist_ok=True)
    pidfile = os.path.join(run_dir, "odoo-%d.pid" % args.port)
    logfile = os.path.join(run_dir, "odoo-%d.log" % args.port)
    started = False
    if not args.url:
        if not database_exists(args.database):
            if not args.create:
                raise SystemExit("database %s does not exist: give --create to install it with the demo data"
                                 % args.database)
            print("Installing %s with the addons, demo data and Vietnamese" % args.database, flush=True)
            subprocess.run([os.path.join(ROOT, "scripts", "odoo"), "-d", args.database, "-i", ADDONS,
                            "--load-language=vi_VN", "--stop-after-init", "--log-level=warn",
                            "--logfile=%s" % os.path.join(run_dir, "install-%s.log" % args.database)],
                           check=True)
        args.url = "http://127.0.0.1:%d" % args.port
        try:
            urllib.request.urlopen(args.url + "/web/login", timeout=5)
            answered = True
        except urllib.error.HTTPError:
            answered = True
        except (urllib.error.URLError, OSError):
            answered = False
        if answered:
            raise SystemExit("something answers on %s already: choose another --port, or give --url" % args.url)
        bash("set_server_url", args.database, args.url)
        options = server_options(args)
        print("Starting Odoo: scripts/odoo --http-port=%d %s" % (args.port, " ".join(map(shlex.quote, options))),
              flush=True)
        started = True
    try:
        if started:
            bash("start_server", str(args.port), pidfile, logfile, *options)
        return load(args, started and pidfile, started and logfile)
    finally:
        if started:
            bash("stop_server", pidfile)
            print("Server stopped (log: %s)" % os.path.relpath(logfile, ROOT))


def load(args, pidfile, logfile):
    log_start = os.path.getsize(logfile) if logfile else 0
    users = [CLIENT_USERS[index % len(CLIENT_USERS)] for index in range(args.clients)]
    clients = [Client(args.url, args.database, login, args.seed * 1000 + index) for index, login in enumerate(users)]
    for client in clients:
        client.prepare()
    load_state = Load(args.ops, args.warmup)
    timed_start = threading.Event()
    threads = [threading.Thread(target=load_state.run, args=(client, timed_start)) for client in clients]
    load_before = os.getloadavg()
    for thread in threads:
        thread.start()
    # the warm-up (if any) runs first; then every client is released at once
    while not load_state.warmed_up():
        time.sleep(0.05)
    sampler = ConnectionSampler(args.database)
    sampler.start()
    cpu_before = (machine_busy(), server_cpu(pidfile) if pidfile else {}, time.process_time())
    start = time.perf_counter()
    timed_start.set()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - start
    cpu_after = (machine_busy(), server_cpu(pidfile) if pidfile else {}, time.process_time())
    sampler.stop.set()
    load_after = os.getloadavg()

    print()
    print("Load test of %s at %s" % (args.database, args.url))
    if pidfile:
        print("server:  started here, %d HTTP workers, %d cron worker(s), limit_time_cpu %d s, limit_time_real "
              "%d s, limit_memory_soft %.1f GiB, limit_memory_hard %.1f GiB, db_maxconn %d" % (
                  args.workers, args.max_cron_threads, args.limit_time_cpu, args.limit_time_real,
                  args.limit_memory_soft / GiB, args.limit_memory_hard / GiB, args.db_maxconn))
    else:
        print("server:  given (--url): its configuration is its own")
    print("clients: %d threads, each its own connections and user: %s" % (
        len(clients), ", ".join("%s %d" % item for item in sorted(collections.Counter(users).items()))))
    print("ops:     %d timed (after %d untimed warm-up), seed %d" % (args.ops, args.warmup, args.seed))
    print("machine: %d CPU(s), load average (1 min) %.2f before, %.2f after; the clients run on it too" % (
        os.cpu_count(), load_before[0], load_after[0]))
    print()
    print("%-12s %6s %9s %9s %9s" % ("operation", "count", "p50 ms", "p95 ms", "max ms"))
    everything = []
    for name in OPERATIONS:
        times = load_state.latencies.get(name)
        if not times:
            continue
        everything += times
        print("%-12s %6d %9.0f %9.0f %9.0f" % (name, len(times), percentile(times, .5) * 1e3,
                                               percentile(times, .95) * 1e3, max(times) * 1e3))
    if everything:
        print("%-12s %6d %9.0f %9.0f %9.0f" % ("all", len(everything), percentile(everything, .5) * 1e3,
                                               percentile(everything, .95) * 1e3, max(everything) * 1e3))
    print()
    done = len(everything)
    print("throughput: %.1f ops/s (%d operations in %.1f s)" % (done / wall, done, wall))
    busy = cpu_after[0] - cpu_before[0]
    server = sum(seconds - cpu_before[1].get(pid, 0) for pid, seconds in cpu_after[1].items())
    clients_cpu = cpu_after[2] - cpu_before[2]
    print("CPU during the timed run: the machine %.0f %% busy (%.0f of %.0f CPU-seconds); %sthe clients %.1f, "
          "%s %.0f" % (
              100 * busy / (wall * os.cpu_count()), busy, wall * os.cpu_count(),
              "the Odoo server %.0f, " % server if pidfile else "", clients_cpu,
              "PostgreSQL and everything else" if pidfile else "everything else (the server too)",
              busy - server - clients_cpu))
    if sampler.samples:
        print("database connections to %s: at most %d (sampled every 0.5 s)" % (args.database,
                                                                                 max(sampler.samples)))
    if pidfile:
        memory = server_memory(pidfile)
        if memory:
            print("server memory at the end: %d processes, largest RSS %.0f MiB, largest virtual size %.0f MiB"
                  % memory)
    if logfile:
        with open(logfile, errors="replace") as log:
            log.seek(log_start)
            lines = log.read().splitlines()
        # Two requests writing the same row: PostgreSQL refuses the second, Odoo logs it and runs it again.
        conflicts = sum("could not serialize access" in line for line in lines)
        problems = [line for index, line in enumerate(lines)
                    if (" ERROR " in line or " CRITICAL " in line or re.search(r"limit \(|timeout after", line))
                    and "could not serialize access" not in " ".join(lines[index:index + 2])]
        print("server log: %d serialization conflict(s), retried by Odoo; %d other error or limit line(s)%s" % (
            conflicts, len(problems), "".join("\n  " + line[:300] for line in problems[:5])))
    print("errors: %d" % len(load_state.errors))
    for message in load_state.errors[:5]:
        print("  " + message[:300])
    return 1 if load_state.errors else 0


if __name__ == "__main__":
    sys.exit(main())
