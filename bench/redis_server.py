"""A Redis server of the load test's own, which it may stop and start again under load.

The portal's Redis may serve other sites, test runs and the development server of the same machine;
restarting it would sign none of them out (sessions are ``cached_db``) but would empty their caches.
The load test serves gunicorn from a server of its own instead, on a free loopback port, without
persistence, like the one ``bin/ensure-redis`` starts, and restarts that one.
"""

import shutil
import socket
import subprocess
import tempfile
import time

import redis


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class PrivateRedis:
    """``redis-server`` on a free loopback port, run in the foreground as a child of this process."""

    def __init__(self):
        self.executable = shutil.which("redis-server")
        self.port = free_port()
        self.directory = tempfile.mkdtemp(prefix="consortium-loadtest-redis-")
        self.process = None
        self.lookups_before_restart = None

    @property
    def url(self):
        return f"redis://127.0.0.1:{self.port}/0"

    def answers(self):
        try:
            return bool(redis.Redis(port=self.port, socket_connect_timeout=0.5, socket_timeout=0.5).ping())
        except redis.RedisError:
            return False

    def start(self, timeout=10):
        """Start the server; return once it answers a PING."""
        if self.executable is None:
            raise SystemExit("loadtest: redis-server is needed (apt-get install redis-server).")
        command = [
            self.executable,
            "--port", str(self.port),
            "--bind", "127.0.0.1",
            "--save", "",
            "--appendonly", "no",
            "--dir", self.directory,
            "--loglevel", "warning",
        ]  # fmt: skip
        self.process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # noqa: S603
        deadline = time.monotonic() + timeout
        while not self.answers():
            if self.process.poll() is not None or time.monotonic() > deadline:
                raise SystemExit(f"loadtest: redis-server did not start on port {self.port}.")
            time.sleep(0.05)

    def stop(self):
        """Stop the server (SIGTERM: it exits at once, having nothing to save); return once it has."""
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)

    def hits_and_misses(self):
        """(hits, misses) of key lookups since the server started."""
        stats = redis.Redis(port=self.port, socket_timeout=2).info("stats")
        return stats["keyspace_hits"], stats["keyspace_misses"]

    def restart(self, down_seconds):
        """Stop the server, leave it down ``down_seconds``, start it again, empty: (stopped, answering again),
        in ``time.monotonic()`` seconds. ``lookups_before_restart`` keeps its (hits, misses) until then."""
        self.lookups_before_restart = self.hits_and_misses()
        down = time.monotonic()
        self.stop()
        time.sleep(down_seconds)
        self.start()
        return down, time.monotonic()

    def close(self):
        self.stop()
        shutil.rmtree(self.directory, ignore_errors=True)
