"""gunicorn settings; each can be overridden by the environment (see env.sample)."""

import gc
import multiprocessing
import os
import re

from gunicorn.glogging import Logger

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", 30))
graceful_timeout = 30
keepalive = 5
# Restart workers now and then, so that a slow leak cannot grow without bound.
max_requests = 2000
max_requests_jitter = 200
# The reverse proxy in front sets X-Forwarded-Proto; trust it only from where it runs.
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1")
accesslog = "-"
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")

# The secret part of e-mailed links: registration confirmation and management, e-mail news unsubscribe,
# subscriptions' confirmation, manage and unsubscribe links and their calendars' addresses.
SECRET_PATH = re.compile(
    r"(/events/registration/(?:confirm/)?|/news/unsubscribe/|/subscriptions/(?:confirm|manage|unsubscribe|calendar)/)"
    r"[^/?#\s\"]+"
)


class RedactingLogger(Logger):
    """Access log lines without the secrets of e-mailed links, which work for whoever holds them."""

    def atoms(self, resp, req, environ, request_time):
        atoms = super().atoms(resp, req, environ, request_time)
        for name, value in atoms.items():
            if isinstance(value, str) and "/" in value:
                atoms[name] = SECRET_PATH.sub(r"\1[redacted]", value)
        return atoms


logger_class = RedactingLogger


def post_worker_init(worker):
    """Keep the garbage collector to what a request leaves behind.

    The objects a worker loads once (modules, settings, URL patterns) live as long as it does,
    yet every full collection walked them all: some 100,000 objects, 60 to 85 ms each time,
    every hundred requests or so, which showed as the slowest searches' latency. Frozen, they
    are left out. Requests make thousands of short-lived objects, which reference counting
    frees at once; the collector runs after 10,000 allocations rather than 700, so that it
    does not scan the same live request objects time and again.

    The dictionaries that read names are loaded first (half a second), so that no member's first
    search in kana waits for them, and they are frozen with the rest.
    """
    from search.readings import prepare

    prepare()
    gc.freeze()
    gc.set_threshold(10_000, 10, 10)
