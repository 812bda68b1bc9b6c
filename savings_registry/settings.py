"""One settings module, read from the environment (or `.env`); `.env.example` lists every variable."""

from datetime import timedelta
from pathlib import Path

import environ

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env")

DEBUG = env.bool("DEBUG", default=False)
# `make install` writes a random SECRET_KEY into .env; the default only serves tests.
SECRET_KEY = env("SECRET_KEY", default="insecure-key-for-tests-only")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "template_partials",
    "import_export",
    "django_tasks",
    "django_tasks_db",
    "core",
    "geo",
    "accounts",
    "groups",
    "reviews",
    "networks",
    "printing",
    "home",
    "notices",
    "demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # A lock or statement timeout becomes a Thai "try again" page (core.locks).
    "core.middleware.DatabaseBusyMiddleware",
    # Every page needs a login, except the login page itself and static files.
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
]

ROOT_URLCONF = "savings_registry.urls"
WSGI_APPLICATION = "savings_registry.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
            "builtins": ["core.templatetags.thai", "core.templatetags.forms"],
        },
    }
]

# The embedded SQLite default is tuned for several officers editing at once: WAL lets readers
# run beside a writer, IMMEDIATE takes the write lock at BEGIN (no deadlock on upgrade), and a
# 20 s busy timeout waits for the lock instead of failing with "database is locked".
DATABASES = {
    "default": env.db_url("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    )
else:
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]

LANGUAGE_CODE = "th"
LANGUAGES = [("th", "ไทย")]
TIME_ZONE = "Asia/Bangkok"
USE_I18N = True
USE_TZ = True
LOCALE_PATHS = [BASE_DIR / "locale"]

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = BASE_DIR / "staticfiles"
MEDIA_URL = "media/"
MEDIA_ROOT = Path(env("MEDIA_ROOT", default=str(BASE_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
# Tests and `runserver` without collectstatic still find files in static/.
WHITENOISE_USE_FINDERS = True
WHITENOISE_MANIFEST_STRICT = False

# Uploads (spreadsheets, scanned orders). Larger files are refused with a Thai message.
UPLOAD_LIMIT_MB = env.int("UPLOAD_LIMIT_MB", default=25)
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

SESSION_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"

IMPORT_EXPORT_SKIP_ADMIN_LOG = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="WARNING")},
}

# Safe on the internet --------------------------------------------------------------------------
# Everything below is read from the environment; docs/deploy.md ("Security settings") says what a
# production server sets. The defaults suit `make run` on http://127.0.0.1 and the tests.
INSTALLED_APPS += ["axes", "csp", "security"]
MIDDLEWARE.insert(MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1,
                  "csp.middleware.CSPMiddleware")
MIDDLEWARE += [
    "security.middleware.SlidingSessionMiddleware",
    # Pages, PDFs and exports of logged-in users may hold national ID numbers: never cached.
    "security.middleware.PrivateNoStoreMiddleware",
    # Every export, print and view of full national IDs is recorded (security.access).
    "security.middleware.AccessLogMiddleware",
    # Turns a locked-out login into the Thai lockout page (must stay last).
    "axes.middleware.AxesMiddleware",
]

# HTTPS: behind a proxy that terminates TLS, set SECURE_PROXY_SSL_HEADER=HTTP_X_FORWARDED_PROTO,https
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=False)
_proxy_header = env.list("SECURE_PROXY_SSL_HEADER", default=[])
SECURE_PROXY_SSL_HEADER = tuple(_proxy_header) if _proxy_header else None
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=False)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=False)
SESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", default=False)
CSRF_COOKIE_SECURE = env.bool("CSRF_COOKIE_SECURE", default=False)

# A session ends after SESSION_IDLE_HOURS without a request (each request restarts the clock) and
# when the browser closes.
SESSION_COOKIE_AGE = int(env.float("SESSION_IDLE_HOURS", default=8) * 3600)
# Sliding: security.middleware.SlidingSessionMiddleware writes the session again at most every
# five minutes of use (not on every request).
SESSION_EXPIRE_AT_BROWSER_CLOSE = True

# Login throttling (django-axes): a username is locked for 15 minutes after 10 wrong passwords.
# Locked by username only, so officers of one district office behind one address keep logging
# in while a colleague's name is locked. A national administrator unlocks in the admin
# (ความพยายามเข้าสู่ระบบ → ปลดล็อก).
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env.int("LOGIN_FAILURE_LIMIT", default=10)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("LOGIN_LOCK_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = ["username"]
# axes.W006 asks for the address among the lockout parameters: here that would lock a whole
# district office (one address) out after one officer's typos. Rotating user agents or cookies
# does not help an attacker against a lock keyed on the username alone.
SILENCED_SYSTEM_CHECKS = ["axes.W006"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "security.views.locked_out"
AXES_ENABLE_ADMIN = False  # security/admin.py registers them in Thai, with the unlock action
AXES_VERBOSE = False
AXES_IPWARE_PROXY_COUNT = env.int("PROXY_COUNT", default=0) or None  # proxies in front, for the logged address

# Content-Security-Policy (django-csp): only the app's own files; no inline script or style.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}

# Who a data subject contacts about their personal data (the privacy notice page, /privacy/).
PRIVACY_CONTACT = env("PRIVACY_CONTACT", default="") or (
    "เจ้าหน้าที่คุ้มครองข้อมูลส่วนบุคคลของกรมการพัฒนาชุมชน หรือสำนักงานพัฒนาชุมชนอำเภอที่ดูแลกลุ่มของท่าน")

# A batch print whose worker stopped beating this many seconds ago is started again (printing.jobs).
PRINT_JOB_STALE_SECONDS = env.int("PRINT_JOB_STALE_SECONDS", default=20)

# --- Scale: database timeouts, the cached template loader, and the settings of a deployment on
# several machines (docs/deploy.md). Each is chosen by an environment variable; unset, the app runs
# on one box as before: SQLite or a direct PostgreSQL, the local-memory cache, sessions in the
# database, tasks on the database worker, files under MEDIA_ROOT.

# PostgreSQL ends a wait for a row lock after DB_LOCK_TIMEOUT_MS and any statement after
# DB_STATEMENT_TIMEOUT_MS (core.middleware answers both with a Thai "try again" page). Through
# PgBouncer in transaction mode startup options are not passed on: set the same values on the
# database role instead (ALTER ROLE … SET lock_timeout …; docs/deploy.md, bench/cluster/).
DB_LOCK_TIMEOUT_MS = env.int("DB_LOCK_TIMEOUT_MS", default=3000)
DB_STATEMENT_TIMEOUT_MS = env.int("DB_STATEMENT_TIMEOUT_MS", default=60000)
# DATABASE_POOLER=pgbouncer: connections go through PgBouncer in transaction mode, where a
# server-side cursor cannot outlive its transaction (exports page by primary key instead).
DATABASE_POOLER = env("DATABASE_POOLER", default="")
if DATABASES["default"]["ENGINE"] != "django.db.backends.sqlite3":
    if DATABASE_POOLER == "pgbouncer":
        DATABASES["default"]["DISABLE_SERVER_SIDE_CURSORS"] = True
    else:
        DATABASES["default"].setdefault("OPTIONS", {})["options"] = (
            f"-c lock_timeout={DB_LOCK_TIMEOUT_MS} -c statement_timeout={DB_STATEMENT_TIMEOUT_MS}"
        )

# Templates are compiled once per process in every mode (Django caches them only with DEBUG off
# by default); a page's CPU is mostly template rendering (docs/performance.md).
TEMPLATES[0]["OPTIONS"]["loaders"] = [
    ("django.template.loaders.cached.Loader", [
        "django.template.loaders.filesystem.Loader",
        "django.template.loaders.app_directories.Loader",
    ]),
]
TEMPLATES[0]["APP_DIRS"] = False
# Plain widgets (selects, inputs, radio lists) are written in Python, character for character as
# Django's widget templates write them: a select's options were one template include each.
FORM_RENDERER = "core.form_rendering.FastWidgetRenderer"

# REDIS_URL: the cache, the sessions and the login-throttling counters live in Redis, shared by
# every app host (django-redis). Unset: the local-memory cache and database sessions (Django's,
# read with one written-out statement: security/sessions.py).
SESSION_ENGINE = "security.sessions"
REDIS_URL = env("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            # A Redis that is down slows pages (cache misses) instead of failing them; sessions
            # still need it (an officer would have to log in again).
            "OPTIONS": {"IGNORE_EXCEPTIONS": False, "SOCKET_CONNECT_TIMEOUT": 2, "SOCKET_TIMEOUT": 2},
            "KEY_PREFIX": env("CACHE_KEY_PREFIX", default="registry"),
        }
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.cache"
# django-axes keeps its failed-login counters where AXES_HANDLER says: with Redis, in the shared
# cache (every host counts the same attempts); AXES_HANDLER overrides either choice.
if REDIS_URL or env("AXES_HANDLER", default=""):
    AXES_HANDLER = env("AXES_HANDLER", default="axes.handlers.cache.AxesCacheHandler")
    AXES_CACHE = "default"

# TASKS_BACKEND=rq: background jobs (batch printing, reminders) go to RQ in Redis
# (django-tasks-rq), run by `manage.py rqworker --job-class django_tasks_rq.Job default` on any
# host. Unset: the database backend and `manage.py db_worker` (make run).
TASKS_BACKEND = env("TASKS_BACKEND", default="database")
if TASKS_BACKEND == "rq":
    INSTALLED_APPS += ["django_rq", "django_tasks_rq"]
    RQ_QUEUES = {"default": {"URL": env("RQ_REDIS_URL", default=REDIS_URL), "DEFAULT_TIMEOUT": 1800}}
    TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}}

# FILE_STORAGE=s3: uploaded and issued files in S3-compatible object storage (django-storages);
# unset, under MEDIA_ROOT, which several hosts share by mounting the same path (NFS).
if env("FILE_STORAGE", default="filesystem") == "s3":
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": env("S3_BUCKET"),
            "endpoint_url": env("S3_ENDPOINT_URL", default=None),
            "region_name": env("S3_REGION", default=None),
            "access_key": env("S3_ACCESS_KEY_ID", default=None),
            "secret_key": env("S3_SECRET_ACCESS_KEY", default=None),
            "default_acl": "private",
            "querystring_auth": True,
            "file_overwrite": False,
        },
    }

# Draft PDFs are cached by their HTML (printing.pdf.render_pdf) for this long, in the cache above.
PDF_CACHE_SECONDS = env.int("PDF_CACHE_SECONDS", default=7 * 24 * 3600)
CACHES = globals().get("CACHES") or {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "OPTIONS": {"MAX_ENTRIES": 500}}
}

# Logins: Argon2id at OWASP's minimum (~0.07 s CPU) instead of PBKDF2 at 1,000,000 rounds
# (~0.5 s); older PBKDF2 hashes still verify and are rewritten at the next login (accounts/hashers.py).
PASSWORD_HASHERS = [
    "accounts.hashers.RegistryArgon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]
# The user's office comes with the user (one query per page fewer); another backend listed
# before (login throttling) stays where it is.
AUTHENTICATION_BACKENDS = [
    "accounts.backends.OfficeModelBackend" if backend == "django.contrib.auth.backends.ModelBackend" else backend
    for backend in globals().get("AUTHENTICATION_BACKENDS", ["django.contrib.auth.backends.ModelBackend"])
]
# Uploads and files (core.uploads; docs/deploy.md "Uploads and files"). Every upload goes through
# one guard: the request body is capped from its Content-Length before it is read, then the file
# by its size, and a spreadsheet by what it unpacks to, before any reader opens it.
UPLOAD_ANONYMOUS_LIMIT_KB = env.int("UPLOAD_ANONYMOUS_LIMIT_KB", default=64)  # a login form is < 1 KB
UPLOAD_FORM_MARGIN_KB = 256  # the form fields and multipart headers around the file
UPLOAD_UNPACKED_LIMIT_MB = env.int("UPLOAD_UNPACKED_LIMIT_MB", default=200)
UPLOAD_ZIP_RATIO = env.int("UPLOAD_ZIP_RATIO", default=100)
UPLOAD_SHARED_STRINGS_MB = env.int("UPLOAD_SHARED_STRINGS_MB", default=40)
UPLOAD_MAX_CELLS = env.int("UPLOAD_MAX_CELLS", default=3_000_000)
UPLOAD_IMAGE_MAX_PIXELS = env.int("UPLOAD_IMAGE_MAX_PIXELS", default=40_000_000)
UPLOAD_PDF_MAX_PAGES = env.int("UPLOAD_PDF_MAX_PAGES", default=200)
# Files of two-step uploads wait here (never under MEDIA_ROOT, never served) for at most a day.
PENDING_UPLOAD_DIR = Path(env("PENDING_UPLOAD_DIR", default=str(BASE_DIR / "private" / "pending")))
PENDING_UPLOAD_HOURS = env.int("PENDING_UPLOAD_HOURS", default=24)
MIDDLEWARE.insert(MIDDLEWARE.index("django.contrib.auth.middleware.AuthenticationMiddleware") + 1,
                  "core.uploads.middleware.RequestBodyLimitMiddleware")

# E-mail for notices and password links: SMTP from the environment (EMAIL_URL, e.g.
# smtp+tls://user:password@smtp.example.org:587); without it the console backend prints each
# message in the output of `make run` (the task worker sends notices).
vars().update(env.email_url("EMAIL_URL", default="consolemail://"))
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="ทะเบียนกลุ่มออมทรัพย์ <noreply@localhost>")
# The address links in e-mails start with (the set-password link, a notice's page).
SITE_URL = env("SITE_URL", default="http://127.0.0.1:8000")

# --- Electronic signing (printing.signing): the key that encrypts offices' PKCS#12 certificates
# and their passphrases (a Fernet key); empty derives one from SECRET_KEY.
SIGNING_KEY = env("SIGNING_KEY", default="")
