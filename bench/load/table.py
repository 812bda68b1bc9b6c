"""The load table of docs/performance-national.md, measured in one command.

    DATABASE_URL=postgres://registry:registry@127.0.0.1:5432/registry_scale \\
        .venv/bin/python bench/load/table.py --users 20 50 100 [--seconds 90] [--import-dir DIR]

Starts the server as `make run` does (gunicorn, 2 workers × 4 threads) pinned to core 0, runs the
locust mix of `locustfile.py` pinned to core 1 for each number of users, and prints one row per
run: requests/s, median and p95 of all requests, the slowest page's p95, failures. With
`--import-dir DIR` (groups workbooks named for the officer who imports each: `province30.xlsx`,
…; only district and provincial staff may import, each within their area, so a national import is
every province sending its file) the files are imported one after another on the server's core
with `manage.py import_registry` from the moment the load begins, and the row says how many
imports committed during the run and how long each took.
With `--knee` the users start at the smallest `--users` and go up by `--step` until the p95 passes 1 s; the row
before is the knee. The script stops if the server has stopped, and stops the imports when interrupted.
SQLite: `DATABASE_URL=sqlite:////path/to/scale.sqlite3` (seed_scale fills it too).
"""

import argparse
import csv
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parents[2]
BIN = ROOT / ".venv" / "bin"
PORT = 8600


def server(env):
    process = subprocess.Popen(
        ["taskset", "-c", "0", str(BIN / "gunicorn"), "savings_registry.wsgi", "-c", "python:savings_registry.gunicorn",
         "--bind", f"127.0.0.1:{PORT}", "--log-level", "warning"], cwd=ROOT, env=env)
    for _ in range(60):
        try:
            requests.get(f"http://127.0.0.1:{PORT}/login/", timeout=30)
            return process
        except requests.RequestException:
            time.sleep(0.5)
    process.kill()
    sys.exit("the server did not start")


def run_locust(env, users, seconds, out):
    finished = subprocess.run(
        ["taskset", "-c", "1", str(BIN / "locust"), "-f", str(ROOT / "bench/load/locustfile.py"), "--host",
         f"http://127.0.0.1:{PORT}", "--headless", "-u", str(users), "-r", str(max(users // 5, 5)), "-t",
         f"{seconds}s", "--csv", str(out), "--only-summary", "--loglevel", "ERROR"],
        cwd=ROOT, env=env, check=False, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    if not Path(f"{out}_stats.csv").exists():
        sys.exit(f"locust wrote no figures (exit {finished.returncode}):\n{finished.stderr[-2000:]}")
    with open(f"{out}_stats.csv", newline="", encoding="utf-8") as file:
        rows = list(csv.DictReader(file))
    total = next(r for r in rows if r["Name"] == "Aggregated")
    pages = [r for r in rows if r["Name"] != "Aggregated" and not r["Name"].startswith("/login/")]
    slowest = max(pages, key=lambda r: float(r["95%"] or 0))
    return {
        "rps": float(total["Requests/s"]), "median": float(total["50%"]), "p95": float(total["95%"]),
        "requests": int(total["Request Count"]), "failures": int(total["Failure Count"]),
        "slowest": f'{slowest["Name"]} {float(slowest["95%"]):,.0f}',
    }


class Imports:
    """`import_registry` again and again on the server's core while the load runs."""

    def __init__(self, env, directory):
        self.files = sorted(Path(directory).glob("*.xlsx"))
        if not self.files:
            sys.exit(f"no .xlsx in {directory}")
        self.env, self.process, self.committed, self.failed, self.seconds, self.next = env, None, 0, 0, [], 0

    def command(self):
        path = self.files[self.next % len(self.files)]
        self.next += 1
        return ["taskset", "-c", "0", str(BIN / "python"), "manage.py", "import_registry", "groups", str(path),
                "--as", path.stem]

    def poll(self):
        if self.process and self.process.poll() is not None:
            if self.process.returncode == 0:
                self.committed += 1
                self.seconds.append(time.monotonic() - self.started)
            else:
                self.failed += 1
            self.process = None
        if self.process is None:
            self.started = time.monotonic()
            self.process = subprocess.Popen(self.command(), cwd=ROOT, env=self.env, stdout=subprocess.DEVNULL,
                                            stderr=subprocess.DEVNULL)

    def stop(self):
        if self.process:
            self.process.kill()
            self.process.wait()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--users", type=int, nargs="+", default=[20, 50, 100])
    parser.add_argument("--seconds", type=int, default=90)
    parser.add_argument("--import-dir")
    parser.add_argument("--knee", action="store_true")
    parser.add_argument("--step", type=int, default=20)
    args = parser.parse_args()
    if not os.environ.get("DATABASE_URL"):
        sys.exit("DATABASE_URL: the database seed_scale filled")
    env = {**os.environ, "DEBUG": "0", "ALLOWED_HOSTS": "127.0.0.1",
           "SECRET_KEY": os.environ.get("SECRET_KEY", "bench-load-table-not-secret-" * 2)}
    subprocess.run([str(BIN / "python"), "manage.py", "collectstatic", "--noinput", "-v", "0"], cwd=ROOT,
                   env=env, check=True)
    process = server(env)
    print(f"database: {env['DATABASE_URL'].split(':')[0]}; {args.seconds} s a run; server on core 0, locust on core 1"
          + (f"; the imports of {args.import_dir} running" if args.import_dir else ""))
    print(f"{'users':>5} {'req/s':>6} {'median':>7} {'p95':>7} {'failures':>12}  slowest page p95 (ms)"
          + ("  imports committed (s each)" if args.import_dir else ""))
    # With --knee the users start at the smallest number given and go up by --step.
    users = [min(args.users)] if args.knee else list(args.users)
    thread = done = imports = None
    previous = None
    try:
        with tempfile.TemporaryDirectory() as work:
            while users:
                count = users.pop(0)
                if process.poll() is not None:
                    sys.exit(f"the server stopped (exit {process.returncode}) before the run with {count} users")
                imports = Imports(env, args.import_dir) if args.import_dir else None
                if imports:
                    imports.poll()
                    done = threading.Event()

                    def keep_importing(imports=imports, done=done):
                        while not done.wait(0.5):
                            imports.poll()

                    thread = threading.Thread(target=keep_importing, daemon=True)
                    thread.start()
                row = run_locust(env, count, args.seconds, Path(work) / f"u{count}")
                extra = ""
                if imports:
                    done.set()
                    thread.join()
                    imports.stop()
                    each = ", ".join(f"{s:.0f}" for s in imports.seconds)
                    extra = f"  {imports.committed} ({each}); {imports.failed} failed"
                print(f"{count:5d} {row['rps']:6.1f} {row['median']:7,.0f} {row['p95']:7,.0f} "
                      f"{row['failures']:5d} of {row['requests']:<5d}  {row['slowest']}{extra}", flush=True)
                if args.knee:
                    if row["p95"] > 1000:
                        knee = previous["rps"] if previous else 0
                        print(f"knee: {knee:.1f} requests/s (the last run with p95 under 1 s)")
                        break
                    previous = row
                    users.append(count + args.step)
    finally:
        if done is not None:
            done.set()  # an interrupted run leaves no import behind
        if imports is not None:
            imports.stop()
        process.terminate()
        process.wait()


if __name__ == "__main__":
    main()
