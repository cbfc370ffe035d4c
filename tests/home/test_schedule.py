"""The embedded shop's scheduler (`manage.py run_schedule` under run_embedded): each group of
commands runs at its interval, every run is logged with its outcome, a failing command never
stops the others, and a restart does not repeat the daily backup."""

import io
import logging
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from home.schedule import Job, Outcome, Scheduler, jobs_from

FIVE_MINUTES = timedelta(minutes=5)
DAY = timedelta(days=1)


class Clock:
    def __init__(self):
        self.now = 1_000_000.0

    def __call__(self):
        return self.now

    def advance(self, interval: timedelta):
        self.now += interval.total_seconds()


class Commands:
    """Stands in for `manage.py <command>`: records the calls; commands in `failing` fail."""

    def __init__(self, failing=()):
        self.calls = []
        self.failing = set(failing)

    def __call__(self, command, timeout):
        self.calls.append(command)
        if command in self.failing:
            return Outcome(command, 1, 0.5, f"CommandError: {command} went wrong\n")
        return Outcome(command, 0, 0.2, f"{command}: 0 to do\n")


JOBS = [
    Job(FIVE_MINUTES, ("retry_stripe_events", "reconcile_payments")),
    Job(DAY, ("backup", "verify_backup")),
]


def scheduler(tmp_path, commands, clock, first_delay=60.0):
    return Scheduler(
        JOBS,
        tmp_path / "schedule-state.json",
        run=commands,
        clock=clock,
        first_delay=first_delay,
        spawn=lambda run: run(),  # run each group at once instead of in a thread
    )


def test_jobs_wait_for_the_first_delay_then_run_at_their_intervals(tmp_path):
    clock, commands = Clock(), Commands()
    schedule = scheduler(tmp_path, commands, clock)

    schedule.tick()
    assert commands.calls == []  # the web server starts first

    clock.advance(timedelta(seconds=60))
    schedule.tick()
    assert commands.calls == ["retry_stripe_events", "reconcile_payments", "backup", "verify_backup"]

    commands.calls.clear()
    for _ in range(12):  # one hour in steps of five minutes
        clock.advance(FIVE_MINUTES)
        schedule.tick()
    assert commands.calls == ["retry_stripe_events", "reconcile_payments"] * 12

    commands.calls.clear()
    clock.advance(DAY)
    schedule.tick()
    assert commands.calls == ["retry_stripe_events", "reconcile_payments", "backup", "verify_backup"]


def test_a_failing_command_is_logged_and_never_stops_the_others(tmp_path, caplog):
    clock, commands = Clock(), Commands(failing={"retry_stripe_events", "backup"})
    schedule = scheduler(tmp_path, commands, clock, first_delay=0)

    with caplog.at_level(logging.INFO, logger="winkelier.schedule"):
        schedule.tick()

    assert commands.calls == ["retry_stripe_events", "reconcile_payments", "backup", "verify_backup"]
    messages = [(record.levelname, record.getMessage()) for record in caplog.records]
    assert ("ERROR", "retry_stripe_events | CommandError: retry_stripe_events went wrong") in messages
    assert ("ERROR", "retry_stripe_events: FAILED with exit code 1 in 0.5 s") in messages
    assert ("INFO", "reconcile_payments: ok in 0.2 s") in messages
    assert ("ERROR", "backup: FAILED with exit code 1 in 0.5 s") in messages
    assert ("INFO", "verify_backup: ok in 0.2 s") in messages


def test_a_failed_daily_job_is_tried_again_after_an_hour(tmp_path):
    clock, commands = Clock(), Commands(failing={"backup"})
    schedule = scheduler(tmp_path, commands, clock, first_delay=0)
    schedule.tick()

    commands.failing.clear()
    commands.calls.clear()
    clock.advance(timedelta(minutes=55))
    schedule.tick()
    assert "backup" not in commands.calls
    clock.advance(timedelta(minutes=5))
    schedule.tick()
    assert commands.calls[-2:] == ["backup", "verify_backup"]


def test_a_restart_does_not_repeat_the_daily_backup(tmp_path):
    clock, commands = Clock(), Commands()
    scheduler(tmp_path, commands, clock, first_delay=0).tick()

    commands.calls.clear()
    clock.advance(timedelta(hours=2))
    restarted = scheduler(tmp_path, commands, clock, first_delay=0)
    restarted.tick()

    assert commands.calls == ["retry_stripe_events", "reconcile_payments"]


def test_a_group_still_running_is_not_started_twice(tmp_path):
    clock, commands = Clock(), Commands()
    started = []
    schedule = Scheduler(
        JOBS, tmp_path / "state.json", run=commands, clock=clock, first_delay=0, spawn=started.append
    )

    schedule.tick()
    clock.advance(timedelta(minutes=10))
    schedule.tick()

    assert len(started) == 2  # one per group, the first tick; nothing while they run


def test_the_schedule_is_one_list_in_the_settings(settings):
    settings.WINKELIER_SCHEDULE = [
        (FIVE_MINUTES, ["retry_stripe_events", "reconcile_payments"]),
        (DAY, ["backup", "verify_backup", "image_licence_reminders"]),
    ]
    output = io.StringIO()

    call_command("run_schedule", "--list", stdout=output)

    assert output.getvalue().splitlines() == [
        "every 5 minutes: retry_stripe_events, reconcile_payments",
        "every day: backup, verify_backup, image_licence_reminders",
    ]
    assert jobs_from(settings.WINKELIER_SCHEDULE)[1].commands[-1] == "image_licence_reminders"


def test_run_once_runs_every_command_for_real_and_fails_when_one_failed(settings, caplog):
    """`run_schedule --once` runs each command through manage.py, as the scheduler does."""
    settings.WINKELIER_SCHEDULE = [(FIVE_MINUTES, ["no_such_command", "check"])]

    with caplog.at_level(logging.INFO, logger="winkelier.schedule"), pytest.raises(CommandError) as failed:
        call_command("run_schedule", "--once")

    assert str(failed.value) == "Failed: no_such_command (their output is above)."
    messages = [record.getMessage() for record in caplog.records]
    assert "no_such_command | Unknown command: 'no_such_command'" in messages
    assert any(message.startswith("check: ok in ") for message in messages)
