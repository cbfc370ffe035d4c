"""The embedded shop's scheduler (`manage.py run_schedule`, run_embedded's fourth process).

Django's task API has no periodic tasks, so this small loop runs management commands at fixed
intervals: settings.WINKELIER_SCHEDULE lists (interval, [command, ...]) groups. A group's
commands run one after the other, each in its own `manage.py` process, and each run is logged
with its outcome; a failing command never stops the next one or another group. Groups run in
threads of their own, so the daily backup never holds up the five-minute payment jobs.

When each group last started is kept in a small JSON file, so a restart of `make run` does not
repeat the daily backup; a group that has never run waits `first_delay` after start-up (the web
server comes first). A group in which a command failed is tried again after an hour at most.
At scale the same commands are cron or systemd-timer jobs instead (README "Deploying").
"""

import json
import logging
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import timedelta
from functools import partial
from pathlib import Path

logger = logging.getLogger("winkelier.schedule")

RETRY_FAILED_AFTER = timedelta(hours=1)
OUTPUT_LINES_LOGGED = 40


@dataclass(frozen=True)
class Job:
    every: timedelta
    commands: tuple[str, ...]

    @property
    def key(self) -> str:
        return ",".join(self.commands)

    @property
    def retry_after(self) -> timedelta:
        return min(self.every, RETRY_FAILED_AFTER)

    def __str__(self) -> str:
        return f"every {describe(self.every)}: {', '.join(self.commands)}"


def describe(interval: timedelta) -> str:
    """ "5 minutes", "day", "2 hours": what follows "every"."""
    seconds = int(interval.total_seconds())
    for unit, size in (("day", 86400), ("hour", 3600), ("minute", 60)):
        if seconds % size == 0:
            count = seconds // size
            return unit if count == 1 else f"{count} {unit}s"
    return f"{seconds} seconds"


def jobs_from(schedule: Iterable[tuple[timedelta, Iterable[str]]]) -> list[Job]:
    return [Job(every, tuple(commands)) for every, commands in schedule]


@dataclass(frozen=True)
class Outcome:
    command: str
    returncode: int | None  # None: killed after its time was up
    seconds: float
    output: str

    @property
    def ok(self) -> bool:
        return self.returncode == 0


def run_manage_command(command: str, timeout: float) -> Outcome:
    """`manage.py <command>` in a process of its own, its output captured."""
    manage = Path(__file__).resolve().parent.parent / "manage.py"
    started = time.monotonic()
    try:
        result = subprocess.run(  # noqa: S603 - a command name from settings.WINKELIER_SCHEDULE
            [sys.executable, str(manage), command],
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            errors="replace",
            timeout=timeout,
        )
    except subprocess.TimeoutExpired as expired:
        output = expired.stdout if isinstance(expired.stdout, str) else (expired.stdout or b"").decode()
        return Outcome(command, None, time.monotonic() - started, output)
    return Outcome(command, result.returncode, time.monotonic() - started, result.stdout + result.stderr)


def log_outcome(outcome: Outcome) -> None:
    lines = outcome.output.strip().splitlines()
    level = logging.INFO if outcome.ok else logging.ERROR
    for line in lines[-OUTPUT_LINES_LOGGED:]:
        logger.log(level, "%s | %s", outcome.command, line)
    if outcome.ok:
        logger.info("%s: ok in %.1f s", outcome.command, outcome.seconds)
    elif outcome.returncode is None:
        logger.error("%s: FAILED, stopped after %.0f s (its time was up)", outcome.command, outcome.seconds)
    else:
        logger.error(
            "%s: FAILED with exit code %s in %.1f s", outcome.command, outcome.returncode, outcome.seconds
        )


class Scheduler:
    """Which groups are due, and running them. `clock` is time.time() (seconds); `run` runs one
    command; `spawn` starts a group's run (a thread; tests pass one that runs it at once)."""

    def __init__(
        self,
        jobs: list[Job],
        state_path: Path,
        run: Callable[[str, float], Outcome] = run_manage_command,
        clock: Callable[[], float] = time.time,
        first_delay: float = 60.0,
        spawn: Callable[[Callable[[], object]], None] | None = None,
    ):
        self.jobs = jobs
        self.state_path = state_path
        self.run = run
        self.clock = clock
        self.spawn = spawn or self.start_thread
        self.running: set[str] = set()
        self.lock = threading.Lock()
        self.threads: list[threading.Thread] = []
        self.state: dict[str, dict] = self.load_state()
        self.not_before = clock() + first_delay

    def load_state(self) -> dict[str, dict]:
        try:
            return json.loads(self.state_path.read_text())
        except (OSError, ValueError):
            return {}

    def save_state(self) -> None:
        self.state_path.parent.mkdir(parents=True, exist_ok=True)
        temporary = self.state_path.with_suffix(".tmp")
        temporary.write_text(json.dumps(self.state, indent=1, sort_keys=True))
        temporary.replace(self.state_path)

    def next_run(self, job: Job) -> float:
        last = self.state.get(job.key)
        if last is None:
            return self.not_before
        wait = job.every if last["ok"] else job.retry_after
        return last["started"] + wait.total_seconds()

    def due(self) -> list[Job]:
        now = self.clock()
        with self.lock:
            return [job for job in self.jobs if job.key not in self.running and self.next_run(job) <= now]

    def tick(self) -> None:
        """Start every group that is due and not running."""
        for job in self.due():
            with self.lock:
                self.running.add(job.key)
            self.spawn(partial(self.run_job, job))

    def run_job(self, job: Job) -> list[Outcome]:
        started = self.clock()
        outcomes = []
        try:
            for command in job.commands:
                outcome = self.run(command, job.every.total_seconds())
                log_outcome(outcome)
                outcomes.append(outcome)
        finally:
            with self.lock:
                self.state[job.key] = {"started": started, "ok": all(outcome.ok for outcome in outcomes)}
                self.running.discard(job.key)
                self.save_state()
        return outcomes

    def start_thread(self, target: Callable[[], object]) -> None:
        thread = threading.Thread(target=target, name="schedule", daemon=True)
        self.threads = [running for running in self.threads if running.is_alive()] + [thread]
        thread.start()

    def serve(self, stopping: threading.Event, poll_seconds: float = 5.0) -> None:
        """Tick until `stopping` is set, then wait a little for running groups."""
        for job in self.jobs:
            logger.info("scheduled %s", job)
        while not stopping.is_set():
            self.tick()
            stopping.wait(poll_seconds)
        for thread in self.threads:
            thread.join(timeout=10)
