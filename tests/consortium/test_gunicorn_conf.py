"""The production server's settings file (gunicorn.conf.py), loaded as gunicorn loads it."""

import gc
import runpy
from datetime import timedelta
from pathlib import Path
from types import SimpleNamespace

import pytest
from gunicorn.config import Config

from search.readings import _kakasi

CONF = Path(__file__).resolve().parents[2] / "gunicorn.conf.py"


@pytest.fixture
def restored_gc():
    threshold = gc.get_threshold()
    yield
    gc.unfreeze()
    gc.set_threshold(*threshold)


def test_a_worker_leaves_what_it_loaded_out_of_the_collectors_walks(restored_gc):
    conf = runpy.run_path(str(CONF))
    # Something in the test process may have frozen objects already: the hook must freeze more.
    frozen_before = gc.get_freeze_count()
    conf["post_worker_init"](worker=None)
    assert gc.get_freeze_count() > frozen_before
    assert gc.get_threshold()[0] == 10_000
    assert _kakasi.cache_info().currsize == 1  # the name-reading dictionaries are loaded


@pytest.mark.parametrize(
    "path",
    [
        "/en/events/registration/confirm/SECRETabc_-123/",
        "/ja/events/registration/SECRETabc_-123/",
        "/ja/members/news/unsubscribe/WzEsIlNFQ1JFVCJd:1w2:SECRETabc_-123/",
        "/en/subscriptions/confirm/SECRETabc_-123/",
        "/ja/subscriptions/manage/WzEsIlNFQ1JFVCJd:1w2:SECRETabc_-123/",
        "/ja/subscriptions/unsubscribe/WzEsIlNFQ1JFVCIsMF0:1w2:SECRETabc_-123/",
        "/en/subscriptions/calendar/SECRETabc_-123.ics",
    ],
)
def test_access_log_leaves_out_the_secret_of_emailed_links(tmp_path, path):
    conf = runpy.run_path(str(CONF))
    config = Config()
    config.set("accesslog", str(tmp_path / "access.log"))
    config.set("logger_class", conf["logger_class"])
    logger = config.logger_class(config)
    response = SimpleNamespace(status="200 OK", sent=1234, headers=[])
    environ = {
        "REQUEST_METHOD": "GET",
        "RAW_URI": path,
        "PATH_INFO": path,
        "QUERY_STRING": "",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": "127.0.0.1",
        "HTTP_REFERER": "https://portal.example.org" + path,
    }
    request = SimpleNamespace(headers=[("REFERER", environ["HTTP_REFERER"])])
    logger.access(response, request, environ, timedelta(milliseconds=5))
    line = (tmp_path / "access.log").read_text()
    assert "GET /" in line and " 200 " in line
    assert "SECRET" not in line
    assert "[redacted]" in line
