"""The production server's settings file (gunicorn.conf.py), loaded as gunicorn loads it."""

import gc
import runpy
from pathlib import Path

import pytest

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
