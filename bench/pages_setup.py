"""Django for a bench script that requests pages through the test client.

`setup_django(work)` uses `DATABASE_URL` when set (a seed_scale PostgreSQL, say), else a SQLite
file in `work`; the client renders templates, so no collectstatic manifest is needed.
"""

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def setup_django(work: Path | None = None):
    if work is not None:
        work.mkdir(parents=True, exist_ok=True)
        os.environ.setdefault("DATABASE_URL", f"sqlite:///{work / 'bench.sqlite3'}")
    elif not os.environ.get("DATABASE_URL"):
        sys.exit("DATABASE_URL: the database seed_scale filled (see the script's docstring)")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "savings_registry.settings")
    import django

    django.setup()
    from django.conf import settings

    settings.STORAGES = {**settings.STORAGES,
                         "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
    settings.ALLOWED_HOSTS = ["*"]
