"""Progress output for long commands (the demo load, the content audit): a line per stage and a
counter for big loops."""

import time


class Progress:
    """Writes to a management command's stdout; silent at verbosity 0.

    On a terminal the counter rewrites one line; in logs it prints every quarter so a
    `make run` log stays short.
    """

    def __init__(self, stdout, verbosity=1):
        self.stdout = stdout
        self.verbosity = verbosity
        self.started = time.monotonic()
        self._last_quarter = -1
        self._interactive = hasattr(stdout, "isatty") and stdout.isatty()

    def elapsed(self) -> float:
        return time.monotonic() - self.started

    def stage(self, title: str):
        self._last_quarter = -1
        self.write(f"[{self.elapsed():5.1f}s] {title}")

    def count(self, done: int, total: int, label: str):
        if self.verbosity < 1 or total == 0:
            return
        line = f"    {label}: {done}/{total}"
        if self._interactive:
            self.stdout.write(f"\r{line}", ending="\n" if done >= total else "")
            self.stdout.flush()
            return
        quarter = 4 * done // total
        if quarter > self._last_quarter:
            self._last_quarter = quarter
            self.stdout.write(line)

    def write(self, message: str = ""):
        if self.verbosity >= 1:
            self.stdout.write(message)
