"""The server's settings, for every place that starts gunicorn (`make run`, docs/deploy.md, the
load and cluster benches): `gunicorn savings_registry.wsgi -c python:savings_registry.gunicorn`.
The address comes from `--bind` on the command line, which overrides `bind` below.

- Two processes of four threads: a request's CPU is Python (the GIL holds one thread of a process
  at a time), so a core runs about two processes; the threads cover the time a request waits on
  the database. On a host with more cores, WEB_CONCURRENCY (read by gunicorn) sets the processes:
  two a core.
- keepalive 10: a browser reuses its connection after an officer's few seconds of reading.
  gunicorn's default of 2 s closed it just as the next click came: a reset, then a form that
  failed its CSRF check.
"""

import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
worker_class = "gthread"
threads = 4
keepalive = 10
