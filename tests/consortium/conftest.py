"""The search records (tests/search/conftest.py), for the cache tests; a module with records of its own keeps them."""

from tests.search.conftest import records  # noqa: F401
