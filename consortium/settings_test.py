"""Settings for the test run: the real PostgreSQL, a cheap password hasher."""

import os
from urllib.parse import urlsplit

# Tests run in local mode (the development key, console e-mail) unless the environment says otherwise.
os.environ.setdefault("DJANGO_DEBUG", "1")

from consortium.env import env_str  # noqa: E402
from consortium.settings import *  # noqa: E402, F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"  # noqa: F405

# Several test runs may share one PostgreSQL server; each names its own database.
DATABASES["default"]["TEST"] = {"NAME": env_str("TEST_DATABASE_NAME", "test_consortium")}  # noqa: F405

# Redis: a database number of its own (15), apart from the development server's, and a key prefix per
# test database, so that parallel runs never read or clear each other's keys (consortium.cache).
CACHES["default"]["LOCATION"] = urlsplit(REDIS_URL)._replace(path="/15").geturl()  # noqa: F405
CACHES["default"]["KEY_PREFIX"] = f"test:{DATABASES['default']['TEST']['NAME']}"  # noqa: F405

# The replica of the search reads (consortium.db_router), as Django tests one: the default database under
# another name. The router is off here; tests/consortium/test_db_router.py turns it on.
DATABASES["replica"] = {**DATABASES["default"], "TEST": {"MIRROR": "default"}}  # noqa: F405
DATABASE_ROUTERS = []
