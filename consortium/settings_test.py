"""Settings for the test run: the real PostgreSQL, a cheap password hasher."""

import os

# Tests run in local mode (the development key, console e-mail) unless the environment says otherwise.
os.environ.setdefault("DJANGO_DEBUG", "1")

from consortium.env import env_str  # noqa: E402
from consortium.settings import *  # noqa: E402, F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"  # noqa: F405

# Several test runs may share one PostgreSQL server; each names its own database.
DATABASES["default"]["TEST"] = {"NAME": env_str("TEST_DATABASE_NAME", "test_consortium")}  # noqa: F405
