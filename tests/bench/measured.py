"""Run a command and write its own wall time, CPU time and peak memory (RSS) as JSON:

    python tests/bench/measured.py REPORT.json COMMAND [ARGUMENT...]

Exits with the command's exit code. Why a launcher: Linux carries a process's peak RSS over
fork and exec, so a command started straight from a benchmark that holds a generated history
in memory reports the benchmark's peak whenever that is higher (1.3 GB instead of 0.6 GB for
compute_recommendations). Forked from this small process, the command reports its own.
"""

import json
import resource
import subprocess
import sys
import time
from pathlib import Path


def main(report: str, argv: list[str]) -> int:
    started = time.monotonic()
    code = subprocess.call(argv)  # noqa: S603
    seconds = time.monotonic() - started
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    figures = {
        "seconds": seconds,
        "cpu_seconds": usage.ru_utime + usage.ru_stime,
        "peak_megabytes": usage.ru_maxrss / 1024,  # kilobytes on Linux
    }
    Path(report).write_text(json.dumps(figures))
    return code


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2:]))
