"""Driving wrk: one scenario's load from loopback, and what wrk reports of it."""

import re
import subprocess
import urllib.error
import urllib.request
from dataclasses import dataclass

_UNITS = {"us": 1e-3, "ms": 1.0, "s": 1e3, "m": 60e3}


def _milliseconds(text):
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text).groups()
    return float(number) * _UNITS[unit]


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def fetch_status(url, cookie):
    """The status of ``url``, redirects not followed."""
    request = urllib.request.Request(url, headers={"Cookie": cookie} if cookie else {})  # noqa: S310 (loopback)
    try:
        with urllib.request.build_opener(_NoRedirects).open(request, timeout=30) as response:
            response.read()
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def require_page(url, cookie):
    """Stop unless ``url`` answers with its page: wrk counts a redirect (to sign in) as a success."""
    status = fetch_status(url, cookie)
    if status != 200:
        raise SystemExit(f"{url} answered {status} to the benchmark's {'member' if cookie else 'visitor'}.")


@dataclass
class Measured:
    """One wrk run: requests per second, latency percentiles (ms) and responses other than 2xx or 3xx."""

    rate: float
    p50: float
    p99: float
    errors: int


def median_round(rounds):
    """The round of median throughput, with the lowest and highest throughput of all rounds."""
    ordered = sorted(rounds, key=lambda measured: measured.rate)
    return ordered[(len(ordered) - 1) // 2], ordered[0].rate, ordered[-1].rate


def run_wrk(url, cookie, duration, connections, script=None):
    """wrk on ``url``; ``script`` is (Lua file, its arguments) to request other paths of the same host."""
    threads = min(2, connections)
    command = ["wrk", "--latency", "--timeout", "30s", f"-t{threads}", f"-c{connections}", f"-d{duration}s"]
    if cookie:
        command += ["-H", f"Cookie: {cookie}"]
    if script:
        command += ["-s", str(script[0])]
    command.append(url)
    if script:
        command += ["--", *(str(argument) for argument in script[1]), str(threads)]
    output = subprocess.run(command, check=True, capture_output=True, text=True, timeout=duration + 60).stdout  # noqa: S603
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    return Measured(
        rate=float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        p50=_milliseconds(re.search(r"^\s+50%\s+(\S+)", output, re.M).group(1)),
        p99=_milliseconds(re.search(r"^\s+99%\s+(\S+)", output, re.M).group(1)),
        errors=int(errors.group(1)) if errors else 0,
    )
