"""The progress bar of a long import."""

import time

BAR_WIDTH = 24


class Progress:
    """One self-rewriting line on stderr: dataset, percent of the file, rows per second, ETA."""

    def __init__(self, *, label, total_bytes, stream=None, every=0.5):
        self.label, self.total_bytes = label, max(total_bytes, 1)
        self.stream = stream
        self.every, self.started = every, time.monotonic()
        self.last = 0.0

    def update(self, *, position, rows, final=False):
        now = time.monotonic()
        if not final and now - self.last < self.every:
            return
        self.last = now
        elapsed = max(now - self.started, 1e-6)
        fraction = min(position / self.total_bytes, 1.0)
        eta = elapsed * (1 - fraction) / fraction if fraction > 0 else 0
        filled = int(BAR_WIDTH * fraction)
        bar = "#" * filled + "-" * (BAR_WIDTH - filled)
        self.stream.write(
            f"\r{self.label:<24} [{bar}] {fraction:6.1%} {rows:>11,} rows {rows / elapsed:>10,.0f} rows/s "
            f"ETA {int(eta) // 60:d}:{int(eta) % 60:02d}" + ("\n" if final else "")
        )
        self.stream.flush()
