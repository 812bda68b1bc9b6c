"""Tries the uploads as an attacker would, on a running gunicorn, and prints what each cost.

    .venv/bin/python bench/upload_attack.py [--port 8210] [--workdir /tmp/upload-attack]

Sets up a throwaway SQLite registry (Lampang, one district officer, one review round), starts
gunicorn (one worker, four threads: the worker is the one whose memory is watched), then sends
the hostile files of tests/uploads/bombs.py to the group import and to the review sheet, and a
300 MB body to /login/ and to the import. For each: the HTTP status, the seconds until the
answer, how much of the body had been sent when the answer came, the worker's RSS before and
after and its peak (VmHWM), and the start of the Thai message. Figures go into docs/deploy.md.
"""

import argparse
import html
import os
import re
import secrets
import select
import signal
import socket
import subprocess
import sys
import time
from http.client import HTTPConnection
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
PASSWORD = "attack-" + secrets.token_hex(4)
SPREADSHEET_BOMBS = ["zip_bomb", "shared_strings_bomb", "big_shared_strings", "far_cell", "billion_laughs",
                     "lying_member", "ods_bomb", "csv_bomb"]
EXTENSIONS = {"ods_bomb": "ods", "csv_bomb": "csv", "pixel_bomb": "png"}


def setup(workdir: Path, env: dict) -> int:
    """Migrates a fresh database and adds the officer and a round; returns the submission's id."""
    run = [sys.executable, "manage.py"]
    subprocess.run([*run, "migrate", "--noinput", "-v", "0"], cwd=ROOT, env=env, check=True)
    subprocess.run([*run, "load_geography", "--province", "52"], cwd=ROOT, env=env, check=True,
                   stdout=subprocess.DEVNULL)
    script = f"""
import datetime as dt
from accounts.models import Office, User
from geo.models import Subdistrict, Village
from groups.models import SavingsGroup
from reviews import services
district = Office.objects.get_or_create(level="district", district_id="5201", province_id="52", defaults={{"name": "สพอ.เมืองลำปาง"}})[0]
province = Office.objects.get_or_create(level="province", province_id="52", defaults={{"name": "สพจ.ลำปาง"}})[0]
officer = User.objects.create_user("attacker", password="{PASSWORD}", office=district)
chief = User.objects.create_user("province", password="{PASSWORD}", office=province)
village = Village.objects.create(code=Village.code_for("520101", 1), subdistrict_id="520101", moo=1, name="ทดสอบ")
SavingsGroup.objects.create(code="5201010101", name="กลุ่มทดสอบ", village=village, founded_on=dt.date(2000, 1, 1),
                            figures_as_of=dt.date(2024, 9, 30))
round_ = services.round_open(actor=chief, title="ทบทวน", reference_number="1", letter_date=dt.date(2024, 11, 21),
                             due_on=dt.date(2099, 12, 9))
print(round_.submissions.get(district_id="5201").pk)
"""
    done = subprocess.run([*run, "shell", "-c", script], cwd=ROOT, env=env, check=True, capture_output=True, text=True)
    return int(done.stdout.strip().splitlines()[-1])


def worker_pid(master: int) -> int:
    for _ in range(100):
        for entry in Path("/proc").iterdir():
            if entry.name.isdigit():
                try:
                    stat = (entry / "stat").read_text()
                except OSError:
                    continue
                if int(stat.rsplit(")", 1)[1].split()[1]) == master:
                    return int(entry.name)
        time.sleep(0.1)
    raise RuntimeError("no gunicorn worker")


def memory(pid: int) -> dict:
    fields = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        key, _, value = line.partition(":")
        if key in ("VmRSS", "VmHWM"):
            fields[key] = int(value.split()[0]) / 1024
    return fields


class Browser:
    """Cookies and the CSRF token, over http.client."""

    def __init__(self, port):
        self.port, self.cookies = port, {}

    def _cookie_header(self):
        return "; ".join(f"{k}={v}" for k, v in self.cookies.items())

    def request(self, method, path, body=b"", headers=None):
        connection = HTTPConnection("127.0.0.1", self.port, timeout=600)
        all_headers = {"Cookie": self._cookie_header(), "Referer": f"http://127.0.0.1:{self.port}{path}",
                       **(headers or {})}
        connection.request(method, path, body=body, headers=all_headers)
        response = connection.getresponse()
        for name, value in response.getheaders():
            if name.lower() == "set-cookie":
                key, _, rest = value.partition("=")
                self.cookies[key] = rest.split(";", 1)[0]
        content = response.read()
        connection.close()
        return response.status, content.decode("utf-8", "replace")

    def csrf(self, path):
        _, page = self.request("GET", path)
        match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
        return match.group(1) if match else self.cookies.get("csrftoken", "")

    def login(self, username):
        token = self.csrf("/login/")
        body = f"csrfmiddlewaretoken={token}&username={username}&password={PASSWORD}".encode()
        status, _ = self.request("POST", "/login/", body, {"Content-Type": "application/x-www-form-urlencoded"})
        assert status == 302, status

    def multipart(self, path, fields, file_field, file_path):
        token = self.csrf(path)
        boundary = "----attack" + secrets.token_hex(8)
        parts = [f'--{boundary}\r\nContent-Disposition: form-data; name="csrfmiddlewaretoken"\r\n\r\n{token}\r\n']
        parts += [f'--{boundary}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n{v}\r\n' for k, v in fields.items()]
        parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{file_field}"; '
                     f'filename="{Path(file_path).name}"\r\nContent-Type: application/octet-stream\r\n\r\n')
        body = "".join(parts).encode() + Path(file_path).read_bytes() + f"\r\n--{boundary}--\r\n".encode()
        return self.request("POST", path, body, {"Content-Type": f"multipart/form-data; boundary={boundary}"})

    def huge_post(self, path, size):
        """Sends headers for `size` bytes, then the body in 1 MB pieces, until the server answers.
        Returns (status, seconds, bytes sent before the answer)."""
        token = self.csrf(path) if path != "/login/" else ""
        started = time.perf_counter()
        sock = socket.create_connection(("127.0.0.1", self.port))
        head = (f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1:{self.port}\r\nCookie: {self._cookie_header()}\r\n"
                f"X-CSRFToken: {token}\r\nContent-Type: multipart/form-data; boundary=x\r\n"
                f"Content-Length: {size}\r\nConnection: close\r\n\r\n")
        sock.sendall(head.encode())
        sent, piece = 0, b"\0" * (1024 * 1024)
        while sent < size:
            readable, _, _ = select.select([sock], [], [], 0)
            if readable:
                break
            try:
                sock.sendall(piece[:min(len(piece), size - sent)])
            except (BrokenPipeError, ConnectionResetError):
                break
            sent += min(len(piece), size - sent)
        answer = b""
        try:
            while chunk := sock.recv(65536):
                answer += chunk
        except ConnectionResetError:
            pass
        sock.close()
        seconds = time.perf_counter() - started
        status = int(answer.split(b" ", 2)[1]) if answer.startswith(b"HTTP/") else 0
        return status, seconds, sent, answer.decode("utf-8", "replace")


def thai_message(page: str) -> str:
    for pattern in (r'class="msg-error">([^<]+)<', r'class="errorlist[^"]*"[^>]*><li>([^<]+)<',
                    r'class="error-box"[^>]*>(?:<p>)?([^<]+)<'):
        match = re.search(pattern, page)
        if match:
            return html.unescape(match.group(1)).strip()
    return ""


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, default=8210)
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/upload-attack"))
    args = parser.parse_args()
    args.workdir.mkdir(parents=True, exist_ok=True)
    for old in args.workdir.glob("db.sqlite3*"):
        old.unlink()
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{args.workdir / 'db.sqlite3'}", "DEBUG": "0",
           "MEDIA_ROOT": str(args.workdir / "media"), "PENDING_UPLOAD_DIR": str(args.workdir / "pending"),
           "DJANGO_SETTINGS_MODULE": "savings_registry.settings", "SECRET_KEY": secrets.token_hex(32)}
    from tests.uploads import bombs

    files = {}
    for name in [*SPREADSHEET_BOMBS, "zip_bomb_2700"]:
        path = args.workdir / f"{name}.{EXTENSIONS.get(name, 'xlsx')}"
        if not path.exists():
            if name == "zip_bomb_2700":
                bombs.zip_bomb(path, unpacked_mb=2_700)
            else:
                getattr(bombs, name)(path)
        files[name] = path
    submission = setup(args.workdir, env)
    subprocess.run([sys.executable, "manage.py", "collectstatic", "--noinput", "-v", "0"], cwd=ROOT, env=env, check=True)
    server = subprocess.Popen([str(Path(sys.executable).parent / "gunicorn"), "savings_registry.wsgi", "--bind",
                               f"127.0.0.1:{args.port}", "--workers", "1", "--threads", "4", "--timeout", "600"],
                              cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        worker = worker_pid(server.pid)
        browser = Browser(args.port)
        for _ in range(100):
            try:
                browser.request("GET", "/login/")
                break
            except OSError:
                time.sleep(0.2)
        print(f"gunicorn on :{args.port}, worker {worker}; start {memory(worker)}")
        print(f"{'attack':44} {'status':>6} {'seconds':>8} {'sent MB':>8} {'RSS before':>10} {'RSS after':>9} "
              f"{'peak':>6}  message")

        def report(label, status, seconds, sent, before, page):
            after = memory(worker)
            print(f"{label:44} {status:>6} {seconds:8.3f} {sent / 1048576:8.1f} {before['VmRSS']:10.1f} "
                  f"{after['VmRSS']:9.1f} {after['VmHWM']:6.1f}  {thai_message(page)[:70]}")

        before = memory(worker)
        status, seconds, sent, page = browser.huge_post("/login/", 300 * 1024 * 1024)
        report("anonymous 300 MB POST /login/", status, seconds, sent, before, page)
        browser.login("attacker")
        before = memory(worker)
        status, seconds, sent, page = browser.huge_post("/spreadsheets/import/", 300 * 1024 * 1024)
        report("officer 300 MB POST /spreadsheets/import/", status, seconds, sent, before, page)
        for name in ["zip_bomb_2700", *SPREADSHEET_BOMBS]:
            for label, url, fields in [
                ("import", "/spreadsheets/import/", {"kind": "groups"}),
                ("review sheet", f"/reviews/submissions/{submission}/sheet/", {}),
            ]:
                before = memory(worker)
                started = time.perf_counter()
                status, page = browser.multipart(url, fields, "file", files[name])
                seconds = time.perf_counter() - started
                size = files[name].stat().st_size
                report(f"{label}: {name} ({size / 1048576:.2f} MB)", status, seconds, size, before, page)
        pending = list((args.workdir / "pending").glob("*")) if (args.workdir / "pending").exists() else []
        print(f"pending files left on disk: {len(pending)}")
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)


if __name__ == "__main__":
    main()
