"""Typed readers for environment variables.

Each reader returns the default when the variable is unset or empty and
raises ImproperlyConfigured when it is set to something it cannot parse,
so a typo in a deployment fails loudly at start-up instead of being guessed.
Every variable is listed with its default and meaning in ``env.sample``.
"""

import os

from django.core.exceptions import ImproperlyConfigured

DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/consortium"
DEFAULT_REDIS_URL = "redis://127.0.0.1:6379/0"

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off"}


def _raw(name):
    value = os.environ.get(name, "").strip()
    return value or None


def env_str(name, default=""):
    value = _raw(name)
    return default if value is None else value


def env_bool(name, default):
    value = _raw(name)
    if value is None:
        return default
    if value.lower() in _TRUE:
        return True
    if value.lower() in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name} must be one of 1/0, true/false, yes/no, on/off, not {value!r}.")


def env_int(name, default):
    value = _raw(name)
    if value is None:
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}.") from None


def env_list(name, default=()):
    value = _raw(name)
    if value is None:
        return list(default)
    return [item.strip() for item in value.split(",") if item.strip()]


def is_set(name):
    return _raw(name) is not None
