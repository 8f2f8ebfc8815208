"""The production settings, serving also B, the benchmark's reference page (``bench/urls.py``)."""

from consortium.settings import *  # noqa: F403 (the production settings, unchanged but for the URLs)

ROOT_URLCONF = "bench.urls"
