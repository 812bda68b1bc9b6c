"""The multi-host deployment on one machine, on real engines, with a host and a worker killed.

    .venv/bin/python bench/cluster/run.py [--users 30] [--seconds 90]

Starts, on ports 8610-8629 of this machine (`CLUSTER_PORTS=8140` for 8140-8159; Debian's packages,
installed if missing):
PgBouncer (transaction mode, 8610) in front of the local PostgreSQL (a copy of the `seed_scale`
database `registry_scale`, as `registry_scale_cluster`), Redis (8611), two app hosts (gunicorn,
8621 and 8622), two RQ task workers (with RQ's scheduler), the batch-print watchdog
(`print_jobs_watch`) and nginx (8620) balancing the hosts. Every host and worker
gets the same environment (docs/deploy.md): DATABASE_POOLER=pgbouncer, REDIS_URL, TASKS_BACKEND=rq,
a shared MEDIA_ROOT. Then:

1. a session begun on host 1 is used on host 2;
2. the locust mix (bench/load/) runs through nginx; part-way, a batch print of a province's
   orders is asked for, the worker running it and app host 1 are killed (SIGKILL);
3. nothing is done by hand: the watchdog finds the batch's heartbeat stopped and queues it again,
   and the worker that is left prints it;
4. it reports the requests that failed (only those in flight on host 1 may), whether the batch
   print finished, on which worker; kills host 2 as well and checks that nginx then answers with
   its Thai page (static/errors/host-unavailable.html); and stops everything it started.

Not a CI step (minutes, packages, ports). Needs root (apt, PgBouncer run as postgres).
"""

import argparse
import csv
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parents[2]
WORK = Path(os.environ.get("CLUSTER_DIR", "/tmp/registry-cluster"))
PY = str(ROOT / ".venv" / "bin" / "python")
PG = "postgres://registry:registry@127.0.0.1:5432"
# CLUSTER_PORTS and CLUSTER_SOURCE_DB move it when the default ports or database are taken.
SOURCE_DB = os.environ.get("CLUSTER_SOURCE_DB", "registry_scale")
DB = f"{SOURCE_DB}_cluster"
BASE = int(os.environ.get("CLUSTER_PORTS", "8610"))
PGBOUNCER, REDIS, NGINX, HOSTS = BASE, BASE + 1, BASE + 10, [BASE + 11, BASE + 12]
PACKAGES = {"pgbouncer": "pgbouncer", "redis-server": "redis-server", "nginx": "nginx-light"}

started = []


def log(text):
    print(f"[{time.strftime('%H:%M:%S')}] {text}", flush=True)


def start(name, args, env=None, **kwargs):
    out = open(WORK / f"{name}.log", "w")
    process = subprocess.Popen(args, stdout=out, stderr=subprocess.STDOUT, env=env, start_new_session=True,
                               **kwargs)
    started.append((name, process))
    return process


def stop_all():
    for _name, process in reversed(started):
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
    time.sleep(2)
    for _name, process in reversed(started):
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)


def psql(sql, db="postgres"):
    subprocess.run(["psql", "-q", f"{PG}/{db}", "-c", sql], check=True)


def psql_row(sql, db):
    """The first row of a query, as strings."""
    out = subprocess.run(["psql", "-qtA", "-F", " ", f"{PG}/{db}", "-c", sql], check=True, capture_output=True, text=True)
    return out.stdout.split()


def app_env():
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL",)}
    env.update({
        "DATABASE_URL": f"postgres://registry:registry@127.0.0.1:{PGBOUNCER}/{DB}",
        "DATABASE_POOLER": "pgbouncer", "REDIS_URL": f"redis://127.0.0.1:{REDIS}/0", "TASKS_BACKEND": "rq",
        "MEDIA_ROOT": str(WORK / "media"), "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DJANGO_SETTINGS_MODULE": "savings_registry.settings",
    })
    return env


def install():
    missing = [package for binary, package in PACKAGES.items() if not shutil.which(binary)
               and not Path(f"/usr/sbin/{binary}").exists()]
    if missing:
        log(f"apt-get install {' '.join(missing)}")
        subprocess.run(["apt-get", "update", "-q"], check=True)
        subprocess.run(["apt-get", "install", "-y", "-q", *missing], check=True,
                       env={**os.environ, "DEBIAN_FRONTEND": "noninteractive"})


def database():
    log(f"database {DB} from {SOURCE_DB} (seed_scale)")
    psql(f'DROP DATABASE IF EXISTS "{DB}"')
    psql(f'CREATE DATABASE "{DB}" TEMPLATE "{SOURCE_DB}"')
    # Through PgBouncer the timeouts are the database's settings, not connection options.
    psql(f"ALTER DATABASE \"{DB}\" SET lock_timeout = '3s'")
    psql(f"ALTER DATABASE \"{DB}\" SET statement_timeout = '60s'")


def pgbouncer():
    folder = WORK / "pgbouncer"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "userlist.txt").write_text('"registry" "registry"\n')
    (folder / "pgbouncer.ini").write_text(f"""[databases]
{DB} = host=127.0.0.1 port=5432 dbname={DB}
[pgbouncer]
listen_addr = 127.0.0.1
listen_port = {PGBOUNCER}
unix_socket_dir =
auth_type = trust
auth_file = {folder}/userlist.txt
pool_mode = transaction
max_client_conn = 500
default_pool_size = 20
logfile = {folder}/pgbouncer.log
pidfile = {folder}/pgbouncer.pid
""")
    shutil.chown(folder, "postgres")
    for path in folder.iterdir():
        shutil.chown(path, "postgres")
    binary = shutil.which("pgbouncer") or "/usr/sbin/pgbouncer"
    return start("pgbouncer", [binary, "-u", "postgres", str(folder / "pgbouncer.ini")])


def redis():
    binary = shutil.which("redis-server") or "/usr/bin/redis-server"
    return start("redis", [binary, "--port", str(REDIS), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"])


def nginx():
    folder = WORK / "nginx"
    folder.mkdir(parents=True, exist_ok=True)
    upstream = "\n".join(f"    server 127.0.0.1:{port} max_fails=1 fail_timeout=30s;" for port in HOSTS)
    (folder / "nginx.conf").write_text(f"""worker_processes 1;
pid {folder}/nginx.pid;
error_log {folder}/error.log;
events {{ worker_connections 1024; }}
http {{
  include /etc/nginx/mime.types;  # the stylesheets under /static/ must come as text/css
  default_type application/octet-stream;
  access_log off;
  client_body_temp_path {folder}/body;
  proxy_temp_path {folder}/proxy;
  upstream registry {{
    least_conn;
{upstream}
  }}
  server {{
    listen 127.0.0.1:{NGINX};
    location / {{
      proxy_pass http://registry;
      proxy_set_header Host $host;
      proxy_next_upstream error timeout;
      proxy_connect_timeout 2s;
      proxy_read_timeout 60s;
    }}
    location /static/ {{
      alias {ROOT}/staticfiles/;
    }}
    # No host answered: a Thai page of nginx's own (the hosts' pages cannot be reached).
    error_page 502 504 /host-unavailable.html;
    location = /host-unavailable.html {{
      internal;
      root {ROOT}/static/errors;
      charset utf-8;
    }}
  }}
}}
""")
    binary = shutil.which("nginx") or "/usr/sbin/nginx"
    return start("nginx", [binary, "-c", str(folder / "nginx.conf"), "-p", str(folder), "-g", "daemon off;"])


def manage(*args, check=True):
    return subprocess.run([PY, "manage.py", *args], cwd=ROOT, env=app_env(), check=check, capture_output=True,
                          text=True)


def wait_for(url, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if requests.get(url, timeout=2).status_code < 500:
                return
        except requests.RequestException:
            pass
        time.sleep(0.5)
    raise SystemExit(f"{url} did not answer")


def login(base, username):
    session = requests.Session()
    page = session.get(f"{base}/login/")
    token = page.text.split('name="csrfmiddlewaretoken" value="', 1)[1].split('"', 1)[0]
    session.post(f"{base}/login/", {"username": username, "password": "demo1234", "csrfmiddlewaretoken": token},
                 headers={"Referer": f"{base}/login/"})
    return session


def django_shell(code):
    result = manage("shell", "-v", "0", "-c", code)
    return result.stdout.strip().splitlines()[-1] if result.stdout.strip() else ""


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--users", type=int, default=30)
    parser.add_argument("--seconds", type=int, default=90)
    parser.add_argument("--keep-db", action="store_true", help="reuse the cluster database of a previous run")
    args = parser.parse_args()
    WORK.mkdir(parents=True, exist_ok=True)
    (WORK / "media").mkdir(exist_ok=True)
    install()
    if not args.keep_db:
        database()
    try:
        run(args)
    finally:
        stop_all()
        log("stopped everything this script started")


def run(args):
    pgbouncer()
    redis()
    time.sleep(2)
    if not (ROOT / "staticfiles" / "staticfiles.json").exists():
        manage("collectstatic", "--noinput", "-v", "0")
    if not args.keep_db:
        log("networks demo (committees to print) on the cluster database")
        django_shell("from networks import demo; print(demo.seed())")
    hosts = {port: start(f"app{port}", [str(ROOT / ".venv/bin/gunicorn"), "savings_registry.wsgi", "-c",
                                        "python:savings_registry.gunicorn", "--bind", f"127.0.0.1:{port}"],
                         env=app_env(), cwd=ROOT) for port in HOSTS}
    workers = [start(f"worker{n}", [PY, "manage.py", "rqworker", "--job-class", "django_tasks_rq.Job",
                                    "--with-scheduler", "default"], env=app_env(), cwd=ROOT) for n in (1, 2)]
    # The cron line of docs/deploy.md ("print_jobs_watch" every minute), here every 10 s: it puts a
    # batch whose worker stopped beating back in the queue, whichever worker holds RQ's scheduler.
    start("watch", [PY, "manage.py", "print_jobs_watch", "--every", "10"], env=app_env(), cwd=ROOT)
    nginx()
    for port in HOSTS:
        wait_for(f"http://127.0.0.1:{port}/login/")
    wait_for(f"http://127.0.0.1:{NGINX}/login/")

    session = login(f"http://127.0.0.1:{HOSTS[0]}", "amphoe8401")
    other = session.get(f"http://127.0.0.1:{HOSTS[1]}/groups/", allow_redirects=False)
    shared_session = other.status_code == 200
    log(f"session begun on host {HOSTS[0]}, used on host {HOSTS[1]}: HTTP {other.status_code} "
        f"({'works' if shared_session else 'FAILED'})")

    load_env = {**os.environ, "DATABASE_URL": f"{PG}/{DB}"}
    locust = start("locust", [str(ROOT / ".venv/bin/locust"), "-f", "bench/load/locustfile.py", "--host",
                              f"http://127.0.0.1:{NGINX}", "--headless", "-u", str(args.users), "-r", "10", "-t",
                              f"{args.seconds}s", "--csv", str(WORK / "load"), "--only-summary"],
                   env=load_env, cwd=ROOT)
    time.sleep(args.seconds / 3)
    job_id = django_shell(
        "from accounts.models import User; from geo.models import District; from printing import services; "
        "print(services.print_job_create(kind='order', actor=User.objects.get(username='amphoe8401'), "
        "district=District.objects.get(code='8401')).pk)")
    log(f"batch print {job_id} asked for (the orders of amphoe 8401)")
    running = None  # (worker pid, work-horse pid) of the worker running the batch
    for _ in range(120):
        busy = django_shell(
            "import django_rq; from rq import Worker; "
            "print([(w.pid, w.horse_pid) for w in Worker.all(connection=django_rq.get_connection('default')) "
            "if w.get_current_job_id()])")
        if busy.startswith("[(") :
            running = tuple(int(n) for n in busy.strip("[]() ").split(")")[0].strip("( ").split(","))
            break
        time.sleep(0.5)
    # Part-way through the batch: as soon as its first order is printed (a batch of 12 orders takes
    # about 5 s on a quiet machine, so a fixed wait could let it finish before the kill).
    for _ in range(300):
        done, total = (int(n) for n in psql_row(f"SELECT done, total FROM printing_printjob WHERE id = {job_id}", DB))
        if done >= 1:
            break
        time.sleep(0.1)
    log(f"batch print {job_id}: {done} of {total} printed when its worker is killed")
    killed_worker = None
    for n, process in enumerate(workers, start=1):
        if running and running[0] == process.pid:
            killed_worker = n
            # RQ forks a work horse per job in its own process group: kill the worker's children too.
            horses = subprocess.run(["pgrep", "-P", str(process.pid)], capture_output=True, text=True).stdout.split()
            os.killpg(process.pid, signal.SIGKILL)
            for pid in [*horses, *([str(running[1])] if running[1] else [])]:
                try:
                    os.kill(int(pid), signal.SIGKILL)
                except ProcessLookupError:
                    pass
    log(f"killed task worker {killed_worker} and its work horse (pids {running})")
    os.killpg(hosts[HOSTS[0]].pid, signal.SIGKILL)
    log(f"killed app host {HOSTS[0]} (gunicorn and its workers)")
    # Nothing is done by hand from here: the watchdog (print_jobs_watch above) finds the batch's
    # beat stopped and queues it again; the worker that is left runs it from the start.
    locust.wait()
    status = ""
    for _ in range(240):
        status = django_shell(f"from printing.models import PrintJob; j = PrintJob.objects.get(pk={job_id}); "
                              "print(j.status, j.done, j.total)")
        if status.split()[:1] in (["done"], ["failed"]):
            break
        time.sleep(1)
    log(f"batch print {job_id}: {status}")
    finished_on = [n for n in (1, 2) if f"Successfully completed printing.tasks.print_batch({job_id})"
                   in (WORK / f"worker{n}.log").read_text()]
    # With both hosts gone, what an officer sees is nginx's own Thai page, not its English one.
    os.killpg(hosts[HOSTS[1]].pid, signal.SIGKILL)
    time.sleep(1)
    down = requests.get(f"http://127.0.0.1:{NGINX}/groups/", timeout=10)
    thai_when_down = down.status_code == 502 and "ระบบขัดข้องชั่วคราว" in down.content.decode("utf-8")
    stylesheet = requests.get(f"http://127.0.0.1:{NGINX}/static/css/app.css", timeout=10)
    static_served = stylesheet.status_code == 200 and stylesheet.headers["Content-Type"].startswith("text/css")
    failures = list(csv.DictReader(open(WORK / "load_failures.csv")))
    stats = [r for r in csv.DictReader(open(WORK / "load_stats.csv")) if r["Name"] == "Aggregated"][0]
    failed = sum(int(r["Occurrences"]) for r in failures)
    print()
    print(f"requests through nginx: {stats['Request Count']}, failed {failed} "
          f"(host {HOSTS[0]} had 2 workers x 4 threads: at most 8 in flight when it was killed)")
    for row in failures:
        print(f"  {row['Occurrences']:>4}  {row['Method']} {row['Name']}: {row['Error'][:100]}")
    print(f"median / p95: {stats['50%']} / {stats['95%']} ms, {float(stats['Requests/s']):.1f} requests/s")
    print(f"session shared between hosts: {'yes' if shared_session else 'NO'}")
    print(f"batch print after worker {killed_worker} was killed: {status}, finished on worker {finished_on}")
    print(f"no host left: HTTP {down.status_code}, the Thai page: {'yes' if thai_when_down else 'NO'}; "
          f"/static/ from nginx: HTTP {stylesheet.status_code}, {stylesheet.headers.get('Content-Type')}")
    other_worker = bool(finished_on) and killed_worker not in finished_on
    passed = (shared_session and failed <= 8 and status.startswith("done") and other_worker and thai_when_down
              and static_served)
    sys.exit(0 if passed else 1)


if __name__ == "__main__":
    main()
