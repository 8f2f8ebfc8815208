from tests.security.conftest import members_only_data  # noqa: F401 (records in many tables to carry over)
