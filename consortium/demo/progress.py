"""Progress of a long seeding run: bars on a terminal, one line per stage otherwise."""

import time

from tqdm import tqdm


class Progress:
    """``bars``: tqdm bars (on stderr, as tqdm does); ``lines``: one timed line per stage; ``quiet``: nothing."""

    def __init__(self, stdout, mode):
        self.stdout = stdout
        self.mode = mode
        self.started = time.monotonic()

    def track(self, iterable, total, label):
        if self.mode == "bars":
            return tqdm(iterable, total=total, desc=label, unit="", leave=False)
        self.stage(label)
        return iterable

    def stage(self, label):
        if self.mode != "quiet":
            self.stdout.write(f"[{time.monotonic() - self.started:6.1f}s] {label}")
