"""``make bench``: the portal's search measured at realistic size.

``python -m bench`` builds (or reuses) the database ``consortium_bench`` with
200,000 experts, 40,000 projects, the World Heritage list and 10,000 further
sites, serves it with gunicorn under the production settings, and measures
each scenario with wrk from loopback. See ``bench/__main__.py``.
"""

REFERENCE_PATH = "bench/reference/"
"""Where B, the reference page, is served (``bench/urls.py``)."""
