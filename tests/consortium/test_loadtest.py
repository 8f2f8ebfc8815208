"""bin/loadtest's own pieces: its Redis server of its own, restarted; the windows around a restart; ``--small``."""

import importlib.machinery
import importlib.util
import shutil
import sys
from pathlib import Path

import pytest
import redis

from bench.redis_server import PrivateRedis

ROOT = Path(__file__).resolve().parents[2]


def load_script():
    loader = importlib.machinery.SourceFileLoader("loadtest_script", str(ROOT / "bin" / "loadtest"))
    spec = importlib.util.spec_from_loader("loadtest_script", loader)
    module = importlib.util.module_from_spec(spec)
    loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def loadtest():
    return load_script()


@pytest.mark.skipif(shutil.which("redis-server") is None, reason="redis-server is not installed")
def test_the_private_redis_restarts_empty_on_its_own_port():
    server = PrivateRedis()
    try:
        server.start()
        client = redis.Redis(port=server.port)
        client.set("key", "value")
        client.get("key")
        down, up = server.restart(0.2)
        assert up - down >= 0.2
        assert server.lookups_before_restart == (1, 0)
        assert server.answers() and client.get("key") is None
        assert server.url == f"redis://127.0.0.1:{server.port}/0"
    finally:
        server.close()
    assert not server.answers()
    assert not Path(server.directory).exists()


def test_a_restarts_requests_are_counted_before_while_down_just_after_and_later(loadtest, capsys):
    down, up = 10.0, 13.0
    samples = [
        (5.0, 0.050, 200, "/"),
        (9.9, 0.100, 200, "/"),
        (11.0, 0.300, 503, "/"),
        (12.0, 0.200, 200, "/"),
        (13.5, 0.080, 200, "/"),
        (30.0, 0.040, 200, "/"),
    ]
    loadtest.around(samples, down, up)
    lines = capsys.readouterr().out.splitlines()
    before, while_down, just_after, later = lines
    assert "before the restart" in before and " 2 requests" in before and " 0 errors" in before
    assert "while down" in while_down and " 2 requests" in while_down and " 1 errors" in while_down
    assert "first 5 s back" in just_after and " 1 requests" in just_after
    assert "later" in later and " 1 requests" in later and "p50 40.0 ms" in later


def test_small_is_a_short_run_on_a_database_of_its_own(loadtest, monkeypatch):
    monkeypatch.setattr(sys, "argv", ["bin/loadtest", "--small"])
    args = loadtest.parse_args()
    assert (args.experts, args.projects, args.duration, args.workers) == (2_000, 400, 20, 2)
    assert args.database_url.endswith("/consortium_loadtest_small")

    monkeypatch.setattr(sys, "argv", ["bin/loadtest", "--small", "--duration", "5", "--experts", "500"])
    args = loadtest.parse_args()
    assert (args.experts, args.duration) == (500, 5)

    monkeypatch.setattr(sys, "argv", ["bin/loadtest"])
    monkeypatch.delenv("LOADTEST_DATABASE_URL", raising=False)
    args = loadtest.parse_args()
    assert (args.experts, args.duration, args.connections) == (100_000, 60, 32)
    assert args.database_url.endswith("/consortium_loadtest")
