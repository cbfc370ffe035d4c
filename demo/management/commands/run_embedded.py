"""`manage.py run_embedded`: the embedded shape in one command (what `make run` ends with).

Starts localstripe, the gunicorn web server, one task worker and the scheduler of periodic jobs
(`manage.py run_schedule`: payment reconciliation every 5 minutes, backup and its verification
daily; settings.WINKELIER_SCHEDULE) as child processes, prefixes their output, waits until the
site answers /healthz, prints the URL and the demo logins, and on Ctrl-C (SIGINT) or SIGTERM
stops all four. When one of them dies the others are stopped too, so the shop never runs
half-way.
"""

import contextlib
import ctypes
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from io import StringIO

from django.conf import settings
from django.core.management import call_command, get_commands
from django.core.management.base import BaseCommand, CommandError
from oscar.core.loading import get_model

PR_SET_PDEATHSIG = 1
STOP_GRACE_SECONDS = 15


def _die_with_parent():
    """Runs in each child before exec: if this supervisor is killed outright (SIGKILL, the
    OOM killer), the kernel sends the child SIGTERM instead of leaving it orphaned."""
    ctypes.CDLL(None).prctl(PR_SET_PDEATHSIG, signal.SIGTERM)


def port_in_use(host, port):
    with socket.socket() as probe:
        return probe.connect_ex((host, port)) == 0


class Child:
    def __init__(self, name, argv, env):
        self.name = name
        # Own process group: Ctrl-C reaches only the supervisor, which stops each child
        # exactly once (a second SIGINT makes db_worker abort its current task).
        self.process = subprocess.Popen(  # noqa: S603 - argv is built by this command
            argv,
            cwd=settings.BASE_DIR,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            errors="replace",
            bufsize=1,
            start_new_session=True,
            preexec_fn=_die_with_parent if sys.platform == "linux" else None,
        )

    def signal_group(self, signum):
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signum)


class Command(BaseCommand):
    help = (
        "Run localstripe, the web server, one task worker and the job scheduler until Ctrl-C "
        "(used by `make run`)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8000")))
        parser.add_argument("--stripe-port", type=int, default=8420)
        parser.add_argument("--web-workers", type=int, default=2, help="gunicorn processes")
        parser.add_argument("--threads", type=int, default=4, help="threads per gunicorn process")
        parser.add_argument("--startup-timeout", type=int, default=180, help="seconds to wait for /healthz")
        parser.add_argument(
            "--no-demo", action="store_true", help="do not load the demo shop into an empty database"
        )
        parser.add_argument(
            "--no-schedule",
            action="store_true",
            help="do not run the scheduled jobs (payment reconciliation, daily backup)",
        )

    def handle(self, *args, **options):
        self.output_lock = threading.Lock()
        host, port, stripe_port = options["host"], options["port"], options["stripe_port"]
        for name, busy_port, other in (
            ("web server", port, "make run PORT=8001"),
            ("localstripe", stripe_port, "run_embedded --stripe-port 8421"),
        ):
            if port_in_use("127.0.0.1", busy_port):
                raise CommandError(
                    f"Port {busy_port} is already in use, so the {name} cannot start. Is another "
                    f"`make run` still running? Stop it, or pick another port ({other})."
                )
        if not options["no_demo"]:
            self.load_demo_shop_if_empty()

        self.stop_signal = None
        self.stopping = threading.Event()
        for signum in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
            signal.signal(signum, self.request_stop)

        self.children = self.start_children(options)
        readers = [
            threading.Thread(target=self.relay_output, args=(child,), daemon=True) for child in self.children
        ]
        for reader in readers:
            reader.start()

        failure = None
        try:
            url = f"http://{host}:{port}/"
            failure = self.wait_until_healthy(url, options["startup_timeout"])
            if failure is None and not self.stopping.is_set():
                failure = self.register_stripe_webhook(host, port, stripe_port)
            if failure is None and not self.stopping.is_set():
                self.print_banner(url)
                failure = self.supervise()
        finally:
            self.stop_children()
            for reader in readers:
                reader.join(timeout=5)
        if failure:
            raise CommandError(failure)
        self.stdout.write(f"Stopped (signal {signal.Signals(self.stop_signal).name}); all processes ended.")

    def load_demo_shop_if_empty(self):
        if get_model("catalogue", "Product").objects.exists():
            return
        if "load_demo_shop" not in get_commands():
            self.stdout.write(
                self.style.WARNING("The database has no products and load_demo_shop is not available yet.")
            )
            return
        self.stdout.write("The database has no products: loading the demo shop ...")
        call_command("load_demo_shop", stdout=self.stdout, stderr=self.stderr)

    def start_children(self, options):
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": settings.SETTINGS_MODULE,
            "PYTHONUNBUFFERED": "1",
            "STRIPE_API_BASE": f"http://127.0.0.1:{options['stripe_port']}",
        }
        python = sys.executable
        manage = str(settings.BASE_DIR / "manage.py")
        commands = [
            # localstripe has no host option: it listens on every interface (IPv4 and IPv6).
            ("stripe", [python, "-m", "localstripe.server", "--port", str(options["stripe_port"])]),
            (
                "web",
                [
                    python, "-m", "gunicorn", "config.wsgi",
                    "--bind", f"{options['host']}:{options['port']}",
                    "--workers", str(options["web_workers"]),
                    "--worker-class", "gthread",
                    "--threads", str(options["threads"]),
                    "--graceful-timeout", "10",
                    "--access-logfile", "-",
                    # Its default socket path is shared by every gunicorn of this user.
                    "--no-control-socket",
                ],
            ),
            ("worker", [python, manage, "db_worker"]),
        ]  # fmt: skip
        if not options["no_schedule"]:
            # Periodic jobs (settings.WINKELIER_SCHEDULE); cron or systemd timers at scale.
            commands.append(("jobs", [python, manage, "run_schedule"]))
        return [Child(name, argv, env) for name, argv in commands]

    def relay_output(self, child):
        prefix = self.style.HTTP_INFO(f"[{child.name:<6}]")
        for line in child.process.stdout:
            with self.output_lock:
                self.stdout.write(f"{prefix} {line.rstrip()}")

    def say(self, text, style=None):
        with self.output_lock:
            self.stdout.write(style(text) if style else text)

    def request_stop(self, signum, frame):
        if self.stop_signal is None:
            self.stop_signal = signum
        self.stopping.set()

    def dead_child(self):
        return next((child for child in self.children if child.process.poll() is not None), None)

    def wait_until_healthy(self, url, timeout):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.stopping.is_set():
                return None
            if dead := self.dead_child():
                return f"{dead.name} exited with code {dead.process.returncode} during start-up."
            try:
                # Generous: the first requests import the whole site in each web process.
                with urllib.request.urlopen(url + "healthz", timeout=15):  # noqa: S310 - our own URL
                    return None
            except urllib.error.HTTPError as error:
                # 503 still means the web server answers; say what /healthz reported.
                self.say(f"/healthz answered {error.code}: {error.read().decode(errors='replace')}")
                return None
            except OSError:
                self.stopping.wait(0.5)
        return f"The web server did not answer {url}healthz within {timeout}s."

    def register_stripe_webhook(self, host, port, stripe_port, timeout=20):
        """localstripe keeps webhooks in memory only: tell it on every start where to send
        payment events, signed with the shop's webhook secret."""
        webhook_host = "127.0.0.1" if host in ("0.0.0.0", "::") else host  # noqa: S104 - comparison only
        form = urllib.parse.urlencode(
            {"url": f"http://{webhook_host}:{port}/stripe/webhook/", "secret": settings.STRIPE_WEBHOOK_SECRET}
        ).encode()
        config_url = f"http://127.0.0.1:{stripe_port}/_config/webhooks/winkelier"
        deadline = time.monotonic() + timeout
        while True:
            try:
                with urllib.request.urlopen(config_url, data=form, timeout=5):  # noqa: S310 - our localstripe
                    return None
            except OSError as error:
                if time.monotonic() > deadline or self.stopping.is_set():
                    return f"Could not register the Stripe webhook with localstripe: {error}"
                self.stopping.wait(0.5)

    def print_banner(self, url):
        logins = StringIO()
        if "load_demo_shop" in get_commands():
            call_command("load_demo_shop", "--logins", stdout=logins)
        else:
            logins.write("(no demo logins yet: load_demo_shop is not available)\n")
        rule = "=" * 64
        self.say(
            f"\n{rule}\nWinkelier is running at {url}\n"
            f"Wagtail admin: {url}admin/   Oscar dashboard: {url}dashboard/\n\n"
            f"Demo logins:\n{logins.getvalue().rstrip()}\n\nPress Ctrl-C to stop.\n{rule}",
            self.style.SUCCESS,
        )

    def supervise(self):
        while not self.stopping.wait(0.5):
            if dead := self.dead_child():
                return f"{dead.name} exited with code {dead.process.returncode}; stopped the others."
        return None

    def stop_children(self):
        running = [child for child in self.children if child.process.poll() is None]
        if running:
            self.say(f"Stopping {', '.join(child.name for child in running)} ...")
        for child in running:
            child.signal_group(signal.SIGTERM)
        deadline = time.monotonic() + STOP_GRACE_SECONDS
        for child in running:
            try:
                child.process.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                self.say(f"{child.name} did not stop within {STOP_GRACE_SECONDS}s: killing it.")
                child.signal_group(signal.SIGKILL)
                child.process.wait()
