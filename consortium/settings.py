"""Settings for the consortium portal.

Local work sets ``DJANGO_DEBUG=1`` (``make`` and the test settings do) and
needs no other variable. Without it the portal runs as in production and must
then be given a real secret key, its host names and its database, or it
refuses to start: a deployment that forgets ``DJANGO_DEBUG`` never runs with
the public development key. ``env.sample`` lists every variable with its
default and meaning.
"""

import re
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

from consortium.env import DEFAULT_DATABASE_URL, DEFAULT_REDIS_URL, env_bool, env_int, env_list, env_str, is_set

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = env_bool("DJANGO_DEBUG", False)

_DEV_SECRET_KEY = "local-development-only-not-a-secret"  # noqa: S105 (refused below in production)
SECRET_KEY = env_str("DJANGO_SECRET_KEY", _DEV_SECRET_KEY)
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", ["127.0.0.1", "localhost"] if DEBUG else [])

if not DEBUG:
    missing = [name for name in ("DJANGO_SECRET_KEY", "DJANGO_ALLOWED_HOSTS", "DATABASE_URL") if not is_set(name)]
    if missing:
        raise ImproperlyConfigured(
            "Production (DJANGO_DEBUG unset or 0) needs these environment variables: "
            + ", ".join(missing)
            + ". Local work sets DJANGO_DEBUG=1 (make does)."
        )
    if SECRET_KEY == _DEV_SECRET_KEY or len(SECRET_KEY) < 50 or len(set(SECRET_KEY)) < 5:
        raise ImproperlyConfigured("DJANGO_SECRET_KEY must be a random string of at least 50 characters.")

INSTALLED_APPS = [
    "consortium",
    "search",
    "members",
    "experts",
    "projects",
    "heritage",
    "events",
    "reports",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.postgres",
    "simple_history",
    "import_export",
    "allauth",
    "allauth.account",
    "allauth.mfa",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "members.middleware.SessionLifetimeMiddleware",
    "members.middleware.StaffSecondFactorMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, so that its process_exception is the first to see a view's database outage.
    "consortium.unavailable.DatabaseUnavailableMiddleware",
]

ROOT_URLCONF = "consortium.urls"
WSGI_APPLICATION = "consortium.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "consortium.context_processors.layout",
            ],
        },
    },
]

# Database. Persistent, health-checked connections: opening a connection per
# request halves throughput, and the health check lets workers recover by
# themselves after PostgreSQL restarts.
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", DEFAULT_DATABASE_URL),
        conn_max_age=env_int("DJANGO_CONN_MAX_AGE", 600),
        conn_health_checks=True,
    )
}
# A page runs a few queries of a few milliseconds each. Parallel workers and JIT compilation cost more
# to start than they save on such queries, and take the CPU that other requests are waiting for.
# The portal's data is read from memory or SSD, not spinning disks: at PostgreSQL's default
# random_page_cost of 4, a word in a fifth of the experts was looked for by reading the table from
# the start and matching every row (45 ms) rather than through its full-text index (15-20 ms).
_db_options = DATABASES["default"].setdefault("OPTIONS", {})
_portal_options = "-c max_parallel_workers_per_gather=0 -c jit=off -c random_page_cost=1.1"
_db_options["options"] = f"{_db_options.get('options', '')} {_portal_options}".strip()
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# A read-only copy of the database for the searches (consortium.db_router), when there is one.
if is_set("DATABASE_REPLICA_URL"):
    DATABASES["replica"] = dj_database_url.parse(
        env_str("DATABASE_REPLICA_URL"), conn_max_age=DATABASES["default"]["CONN_MAX_AGE"], conn_health_checks=True
    )
    DATABASES["replica"]["OPTIONS"] = {**DATABASES["replica"].get("OPTIONS", {}), "options": _portal_options}
    DATABASE_ROUTERS = ["consortium.db_router.SearchReplicaRouter"]

# Redis, shared by every process and host: rate-limit counters, sessions (written through to the
# database), and a few seconds' or minutes' worth of search results and figures. The portal keeps
# answering from the database when Redis does not (consortium.cache). Keys carry a prefix, so that
# several sites, or test runs, can share one server.
REDIS_URL = env_str("REDIS_URL", DEFAULT_REDIS_URL)
CACHES = {
    "default": {
        "BACKEND": "consortium.cache.ResilientRedisCache",
        "LOCATION": REDIS_URL,
        "KEY_PREFIX": env_str("REDIS_KEY_PREFIX", "consortium"),
        # A request waits at most this long for a Redis that has stopped answering, then does without it.
        "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
    }
}
# The session is read from Redis and written to both: a Redis restart or flush signs nobody out.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
# Messages ride in the session, not in a cookie of their own (which could not carry the __Host- prefix).
MESSAGE_STORAGE = "django.contrib.messages.storage.session.SessionStorage"
# Sessions end after an hour without activity and twelve hours after sign-in
# (members.middleware.SessionLifetimeMiddleware); the cookie dies with the browser.
MEMBERS_SESSION_IDLE_TIMEOUT = timedelta(minutes=env_int("DJANGO_SESSION_IDLE_MINUTES", 60))
MEMBERS_SESSION_MAX_LIFETIME = timedelta(hours=env_int("DJANGO_SESSION_MAX_HOURS", 12))
SESSION_COOKIE_AGE = int(MEMBERS_SESSION_MAX_LIFETIME.total_seconds())

AUTH_USER_MODEL = "members.User"
# allauth's e-mail sign-in (the admin's too); each request's user comes with its membership.
AUTHENTICATION_BACKENDS = ["members.backends.MemberBackend"]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "home"

# django-allauth: e-mail is the login, verified before the account is used,
# and no page tells whether an address is registered.
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_EMAIL_SUBJECT_PREFIX = env_str("DJANGO_EMAIL_SUBJECT_PREFIX", "[JCIC-Heritage] ")
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "http" if DEBUG else "https"
ACCOUNT_ADAPTER = "members.adapter.AccountAdapter"
# The sign-up form files the membership application along with the account.
ACCOUNT_FORMS = {"signup": "members.forms.ApplicationForm"}
ACCOUNT_SESSION_REMEMBER = False
# Counted in the shared cache (Redis), so the limits hold across processes and hosts.
# login_failed: 10 wrong passwords a minute from one address, 5 per account in 15 minutes;
# withdraw_failed (the portal's own, members.forms.WithdrawalForm): 5 per account in 15 minutes.
ACCOUNT_RATE_LIMITS = {
    "login": "30/m/ip",
    "login_failed": "10/m/ip,5/15m/key",
    "withdraw_failed": "5/15m/user",
    "signup": "10/h/ip",
    "reset_password": "20/m/ip,5/h/key",
}
ACCOUNT_SIGNUP_REDIRECT_URL = "members:home"
# Behind the reverse proxy every request comes from the proxy's address. The rate limits (allauth's
# and the portal's own, consortium.throttle) take the visitor's address from X-Forwarded-For, the one
# the outermost of this many trusted proxies appended (what a client writes in front is ignored), or
# from a header the proxy sets. Neither by default: the connection's own address (REMOTE_ADDR).
ALLAUTH_TRUSTED_PROXY_COUNT = env_int("DJANGO_TRUSTED_PROXY_COUNT", 0)
ALLAUTH_TRUSTED_CLIENT_IP_HEADER = env_str("DJANGO_TRUSTED_CLIENT_IP_HEADER") or None
if ALLAUTH_TRUSTED_PROXY_COUNT < 0:
    raise ImproperlyConfigured("DJANGO_TRUSTED_PROXY_COUNT must be 0 or more.")
if ALLAUTH_TRUSTED_PROXY_COUNT and ALLAUTH_TRUSTED_CLIENT_IP_HEADER:
    raise ImproperlyConfigured("Set DJANGO_TRUSTED_PROXY_COUNT or DJANGO_TRUSTED_CLIENT_IP_HEADER, not both.")
# Authenticator app (TOTP) with recovery codes, or a security key (WebAuthn) as the second factor.
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes", "webauthn"]
# Security keys need HTTPS; local work on http://127.0.0.1 is the exception.
MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN = DEBUG
MFA_TOTP_ISSUER = env_str("DJANGO_MFA_ISSUER", "JCIC-Heritage")
# Base of the links in e-mails sent outside a web request (the e-mail news).
PORTAL_URL = env_str(
    "DJANGO_PORTAL_URL", "http://127.0.0.1:8000" if DEBUG else f"{ACCOUNT_DEFAULT_HTTP_PROTOCOL}://{ALLOWED_HOSTS[0]}"
).rstrip("/")
# The Japanese TrueType font embedded in certificates of attendance; empty: the first of
# events.certificates.SYSTEM_FONTS installed (IPAex Mincho, which `make` installs).
CERTIFICATE_FONT = env_str("DJANGO_CERTIFICATE_FONT")

# Languages: Japanese first, English second; every page under /ja/ or /en/.
LANGUAGE_CODE = "ja"
LANGUAGES = [("ja", _("Japanese")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "Asia/Tokyo"

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
# Uploaded files are stored under MEDIA_ROOT (or the storage below) but never served from
# MEDIA_URL: the portal serves each one after its access check (consortium.files).
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("DJANGO_MEDIA_ROOT", str(BASE_DIR / "media")))
# With nginx in front: the prefix of an `internal` location aliased to MEDIA_ROOT, so that
# nginx sends the file the portal allowed (X-Accel-Redirect). Empty: the portal streams it.
FILES_ACCEL_REDIRECT = env_str("DJANGO_FILES_ACCEL_REDIRECT", "")
# The largest file of each kind an upload form takes, checked by consortium.uploads.
UPLOAD_MAX_DOCUMENT_BYTES = env_int("DJANGO_UPLOAD_MAX_DOCUMENT_MB", 50) * 1024 * 1024
UPLOAD_MAX_IMAGE_BYTES = env_int("DJANGO_UPLOAD_MAX_IMAGE_MB", 10) * 1024 * 1024
# An upload above this is spooled to a temporary file, not held in memory; the rest of a
# request body (form fields, which count no file) stays under the same bound.
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
STORAGES = {
    "default": {"BACKEND": env_str("DJANGO_FILE_STORAGE", "django.core.files.storage.FileSystemStorage")},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

# E-mail: printed to the console in local work, sent by SMTP in production.
_EMAIL_BACKEND = env_str(
    "DJANGO_EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend" if DEBUG else "django.core.mail.backends.smtp.EmailBackend",
)
MAILERS = {
    "default": {
        "BACKEND": _EMAIL_BACKEND,
        "OPTIONS": {
            "host": env_str("DJANGO_EMAIL_HOST", "localhost"),
            "port": env_int("DJANGO_EMAIL_PORT", 587),
            "username": env_str("DJANGO_EMAIL_HOST_USER"),
            "password": env_str("DJANGO_EMAIL_HOST_PASSWORD"),
            "use_tls": env_bool("DJANGO_EMAIL_USE_TLS", True),
            "timeout": 10,
        }
        if _EMAIL_BACKEND.endswith("smtp.EmailBackend")
        else {},
    }
}
DEFAULT_FROM_EMAIL = env_str("DJANGO_DEFAULT_FROM_EMAIL", "JCIC-Heritage <noreply@localhost>")
SERVER_EMAIL = env_str("DJANGO_SERVER_EMAIL", DEFAULT_FROM_EMAIL)
ADMINS = [("Administrators", address) for address in env_list("DJANGO_ADMINS")]
# Who hears of membership applications (members.application_notices): the active staff in the group
# "Secretariat" (members.roles); these addresses when that group has none. An application waiting longer than
# APPLICATION_REMINDER_DAYS is listed in the secretariat's daily digest.
SECRETARIAT_EMAILS = env_list("DJANGO_SECRETARIAT_EMAILS")
APPLICATION_REMINDER_DAYS = env_int("DJANGO_APPLICATION_REMINDER_DAYS", 7)
if APPLICATION_REMINDER_DAYS < 1:
    raise ImproperlyConfigured("DJANGO_APPLICATION_REMINDER_DAYS must be 1 or more.")
# The member accounts an organisation may hold: its active memberships and the invitations its
# representative has open (members.invitations).
ORGANISATION_ACCOUNT_LIMIT = env_int("DJANGO_ORGANISATION_ACCOUNT_LIMIT", 10)
if ORGANISATION_ACCOUNT_LIMIT < 1:
    raise ImproperlyConfigured("DJANGO_ORGANISATION_ACCOUNT_LIMIT must be 1 or more.")
# The yearly request to experts to confirm their records (experts.confirmation) is not repeated within
# this many days, while the expert neither confirms nor updates the record.
EXPERT_CONFIRMATION_ASK_AGAIN_DAYS = env_int("DJANGO_EXPERT_CONFIRMATION_ASK_AGAIN_DAYS", 30)
if EXPERT_CONFIRMATION_ASK_AGAIN_DAYS < 1:
    raise ImproperlyConfigured("DJANGO_EXPERT_CONFIRMATION_ASK_AGAIN_DAYS must be 1 or more.")

# Personal data, as the privacy policy (the page "privacy") says. ``manage.py apply_retention`` removes public
# registrants' details this many days after their event, closes former members' accounts this many days after
# they left (and last signed in), and deletes the records of exports and of views of experts' contact details
# after this many days. Members (not staff) see at most this many experts' contact details, and export at most
# this many rows, per day (counted in the database, so the limits hold across processes).
RETENTION_REGISTRANT_DAYS = env_int("DJANGO_RETENTION_REGISTRANT_DAYS", 365)
RETENTION_FORMER_MEMBER_DAYS = env_int("DJANGO_RETENTION_FORMER_MEMBER_DAYS", 365)
RETENTION_ACCESS_LOG_DAYS = env_int("DJANGO_RETENTION_ACCESS_LOG_DAYS", 1095)
CONTACT_VIEWS_PER_DAY = env_int("DJANGO_CONTACT_VIEWS_PER_DAY", 30)
EXPORT_ROWS_PER_DAY = env_int("DJANGO_EXPORT_ROWS_PER_DAY", 10_000)
for _name, _value, _least in [
    ("DJANGO_RETENTION_REGISTRANT_DAYS", RETENTION_REGISTRANT_DAYS, 1),
    ("DJANGO_RETENTION_FORMER_MEMBER_DAYS", RETENTION_FORMER_MEMBER_DAYS, 1),
    ("DJANGO_RETENTION_ACCESS_LOG_DAYS", RETENTION_ACCESS_LOG_DAYS, 1),
    ("DJANGO_CONTACT_VIEWS_PER_DAY", CONTACT_VIEWS_PER_DAY, 0),
    ("DJANGO_EXPORT_ROWS_PER_DAY", EXPORT_ROWS_PER_DAY, 0),
]:
    if _value < _least:
        raise ImproperlyConfigured(f"{_name} must be {_least} or more.")

# The map of sites and projects (static/js/map.js over vendored Leaflet): any
# tile server with the usual {z}/{x}/{y} address; its host joins img-src below.
MAP_TILE_URL = env_str("DJANGO_MAP_TILE_URL", "https://tile.openstreetmap.org/{z}/{x}/{y}.png")
MAP_TILE_ATTRIBUTION = env_str(
    "DJANGO_MAP_TILE_ATTRIBUTION",
    '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors',
)
_map_tiles = urlsplit(MAP_TILE_URL)
if _map_tiles.scheme not in ("http", "https") or not _map_tiles.netloc:
    raise ImproperlyConfigured(f"DJANGO_MAP_TILE_URL must be an http(s) address, not {MAP_TILE_URL!r}.")
# A subdomain placeholder ({s}.tile.example.org) becomes a wildcard host.
MAP_TILE_ORIGIN = f"{_map_tiles.scheme}://{re.sub(r'\{[a-z]\}', '*', _map_tiles.netloc)}"

# Security headers. The policy allows no inline script or style: templates
# put behaviour in static files, and the rare inline block carries the nonce.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:", MAP_TILE_ORIGIN, *env_list("DJANGO_CSP_IMG_SOURCES")],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"

# Served over HTTPS, directly or behind a proxy that sets X-Forwarded-Proto.
# ``make serve`` turns this off to try the production stack on plain HTTP.
HTTPS = env_bool("DJANGO_HTTPS", not DEBUG)
if HTTPS:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = True
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
    SECURE_HSTS_SECONDS = env_int("DJANGO_HSTS_SECONDS", 31_536_000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env_bool("DJANGO_HSTS_PRELOAD", True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    # The __Host- prefix binds a cookie to this exact host over HTTPS.
    SESSION_COOKIE_NAME = "__Host-sessionid"
    CSRF_COOKIE_NAME = "__Host-csrftoken"
    LANGUAGE_COOKIE_NAME = "__Host-language"
    LANGUAGE_COOKIE_SECURE = True
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env_str("DJANGO_LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "INFO", "propagate": True}},
}

# django-import-export: an import runs in one transaction (the preview rolls it
# back). The file uploaded for the preview waits for confirmation in the shared
# cache, not on the disk of whichever process took the upload, nor among the
# media files: it holds personal data, and the cache forgets it after a day.
IMPORT_EXPORT_USE_TRANSACTIONS = True
IMPORT_EXPORT_TMP_STORAGE_CLASS = "import_export.tmp_storages.CacheStorage"
# Exporting needs the model's view permission, importing its change permission (and,
# checked in consortium.admin, its add permission: an import creates rows too), not
# merely staff status.
IMPORT_EXPORT_EXPORT_PERMISSION_CODE = "view"
IMPORT_EXPORT_IMPORT_PERMISSION_CODE = "change"
# The largest file an admin import accepts, in bytes (the preview reads it whole). Default: 10 MB
IMPORT_MAX_BYTES = env_int("DJANGO_IMPORT_MAX_BYTES", 10 * 1024 * 1024)
