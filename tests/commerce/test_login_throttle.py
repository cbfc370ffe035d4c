"""Login throttling (django-axes, commerce/users/login_throttle.py) on every login form, and the
same work for known and unknown e-mail addresses (commerce/users/auth_backends.py)."""

from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import MD5PasswordHasher
from django.core.management import call_command
from django.db.models import F
from django.test import RequestFactory
from django.urls import reverse

from commerce.users.login_throttle import client_ip
from tests.factories import ProductFactory

User = get_user_model()

PASSWORD = "appeltaart-2026"
LOCKED = "Te veel inlogpogingen"


@pytest.fixture
def anna(db):
    return User.objects.create_user(email="anna@voorbeeld.nl", password=PASSWORD)


def storefront_login(client, email, password, **extra):
    return client.post(
        "/accounts/login/",
        {"login-username": email, "login-password": password, "login_submit": "Log In"},
        **extra,
    )


def admin_login(client, email, password, **extra):
    return client.post("/admin/login/", {"username": email, "password": password}, **extra)


def dashboard_login(client, email, password, **extra):
    """Oscar's dashboard has a login page of its own besides the Wagtail admin's."""
    return client.post("/dashboard/login/", {"username": email, "password": password}, **extra)


def fail(login, client, email, times, **extra):
    responses = [login(client, email, "fout-wachtwoord", **extra) for _ in range(times)]
    return responses[-1]


def cool_off_passes():
    """As if the 15 minutes since the last failure have gone by."""
    AccessAttempt.objects.update(attempt_time=F("attempt_time") - timedelta(minutes=15, seconds=1))


def logged_in_as(client):
    user_id = client.session.get("_auth_user_id")
    return User.objects.get(pk=user_id).email if user_id else None


@pytest.mark.parametrize(
    "login", [storefront_login, admin_login, dashboard_login], ids=["storefront", "admin", "dashboard"]
)
def test_sixth_wrong_password_locks_the_account_until_the_cool_off_has_passed(client, anna, login):
    for attempt in range(1, 6):
        response = login(client, "anna@voorbeeld.nl", "fout-wachtwoord")
        assert response.status_code == 200, f"attempt {attempt} already refused"
        assert LOCKED not in response.content.decode()

    sixth = login(client, "anna@voorbeeld.nl", "fout-wachtwoord")
    assert sixth.status_code == 429
    page = sixth.content.decode()
    assert LOCKED in page
    assert "15 minuten niet inloggen" in page

    right_password_during_lock = login(client, "anna@voorbeeld.nl", PASSWORD)
    assert right_password_during_lock.status_code == 429
    assert logged_in_as(client) is None

    cool_off_passes()
    assert login(client, "anna@voorbeeld.nl", PASSWORD).status_code == 302
    assert logged_in_as(client) == "anna@voorbeeld.nl"


@pytest.mark.rule("N1")
def test_lockout_message_in_english_for_a_shopper_who_chose_english(client, anna):
    client.cookies["django_language"] = "en"
    response = fail(storefront_login, client, "anna@voorbeeld.nl", 6)
    assert response.status_code == 429
    page = response.content.decode()
    assert "Too many login attempts" in page
    assert "you cannot log in for the next 15 minutes" in page


def test_the_lock_holds_for_the_account_whatever_the_case_or_address(client, anna):
    for index, email in enumerate(["anna@voorbeeld.nl", "Anna@Voorbeeld.nl", "ANNA@voorbeeld.nl"] * 2):
        storefront_login(client, email, "fout", REMOTE_ADDR=f"10.0.0.{index + 1}")
    response = storefront_login(client, "anna@voorbeeld.nl", PASSWORD, REMOTE_ADDR="10.9.9.9")
    assert response.status_code == 429


def test_the_same_lock_for_an_unknown_address(client, db):
    """A lock says nothing about whether an account exists."""
    assert fail(storefront_login, client, "niemand@voorbeeld.nl", 5).status_code == 200
    assert fail(storefront_login, client, "niemand@voorbeeld.nl", 1).status_code == 429


def test_a_successful_login_starts_the_count_again(client, anna):
    fail(storefront_login, client, "anna@voorbeeld.nl", 5)
    assert storefront_login(client, "anna@voorbeeld.nl", PASSWORD).status_code == 302
    client.logout()
    assert fail(storefront_login, client, "anna@voorbeeld.nl", 5).status_code == 200


def test_one_address_trying_many_accounts_is_locked_after_30_failures(client, anna):
    for number in range(29):
        storefront_login(client, f"klant{number}@voorbeeld.nl", "fout", REMOTE_ADDR="198.51.100.7")
    assert (
        storefront_login(client, "klant99@voorbeeld.nl", "fout", REMOTE_ADDR="198.51.100.7").status_code
        == 429
    )
    # Every account from that address is refused now, even with the right password ...
    assert (
        storefront_login(client, "anna@voorbeeld.nl", PASSWORD, REMOTE_ADDR="198.51.100.7").status_code == 429
    )
    # ... while the same account from elsewhere logs in.
    assert (
        storefront_login(client, "anna@voorbeeld.nl", PASSWORD, REMOTE_ADDR="203.0.113.5").status_code == 302
    )


def test_logging_in_to_an_own_account_does_not_clear_an_address_count(client, anna):
    attacker = "198.51.100.7"
    for number in range(29):
        storefront_login(client, f"klant{number}@voorbeeld.nl", "fout", REMOTE_ADDR=attacker)
    assert storefront_login(client, "anna@voorbeeld.nl", PASSWORD, REMOTE_ADDR=attacker).status_code == 302
    client.logout()
    assert storefront_login(client, "klant99@voorbeeld.nl", "fout", REMOTE_ADDR=attacker).status_code == 429


def test_the_checkout_returning_customer_login_is_throttled_too(client, anna):
    product = ProductFactory()
    client.post(reverse("basket:add", kwargs={"pk": product.pk}), {"quantity": 1})
    gateway = reverse("checkout:index")
    form = {"username": "anna@voorbeeld.nl", "options": "existing", "password": "fout"}
    for _ in range(5):
        assert client.post(gateway, form).status_code == 200
    assert client.post(gateway, form).status_code == 429
    assert client.post(gateway, {**form, "password": PASSWORD}).status_code == 429


def test_staff_unlocks_an_account_with_the_axes_command(client, anna):
    fail(admin_login, client, "anna@voorbeeld.nl", 6)
    call_command("axes_reset_username", "anna@voorbeeld.nl", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert admin_login(client, "anna@voorbeeld.nl", PASSWORD).status_code == 302


def test_a_failed_attempt_is_recorded_without_the_password_typed(client, anna):
    storefront_login(client, "Anna@voorbeeld.nl", "mijn-geheime-poging")
    admin_login(client, "anna@voorbeeld.nl", "andere-geheime-poging")
    stored = " ".join(AccessAttempt.objects.values_list("post_data", flat=True))
    assert "geheime-poging" not in stored
    assert set(AccessAttempt.objects.values_list("username", flat=True)) == {"anna@voorbeeld.nl"}


# -- the client's address ------------------------------------------------------------------


def request_from(remote, forwarded=None):
    extra = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().post("/accounts/login/", **extra)


def test_without_trusted_proxies_the_connecting_address_counts(settings):
    settings.WINKELIER_TRUSTED_PROXIES = 0
    assert client_ip(request_from("203.0.113.5", "1.2.3.4")) == "203.0.113.5"


@pytest.mark.parametrize(
    ("proxies", "forwarded", "expected"),
    [
        (1, "203.0.113.5", "203.0.113.5"),  # the load balancer appended the client
        (1, "1.2.3.4, 203.0.113.5", "203.0.113.5"),  # what the client wrote itself is skipped
        (2, "1.2.3.4, 203.0.113.5, 10.0.0.2", "203.0.113.5"),  # CDN, then the load balancer
        (2, "203.0.113.5", "10.0.0.1"),  # fewer entries than proxies: the proxy's address
        (1, "not-an-address", "10.0.0.1"),
        (1, "", "10.0.0.1"),
    ],
)
def test_behind_proxies_the_address_they_appended_counts(settings, proxies, forwarded, expected):
    settings.WINKELIER_TRUSTED_PROXIES = proxies
    assert client_ip(request_from("10.0.0.1", forwarded)) == expected


def test_behind_a_load_balancer_a_client_cannot_dodge_the_address_limit(client, settings, anna):
    settings.WINKELIER_TRUSTED_PROXIES = 1
    for number in range(30):
        storefront_login(
            client,
            f"klant{number}@voorbeeld.nl",
            "fout",
            REMOTE_ADDR="10.0.0.1",
            HTTP_X_FORWARDED_FOR=f"192.0.2.{number}, 198.51.100.7",
        )
    locked = storefront_login(
        client, "anna@voorbeeld.nl", PASSWORD, REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.7"
    )
    assert locked.status_code == 429
    other_shopper = storefront_login(
        client, "anna@voorbeeld.nl", PASSWORD, REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.5"
    )
    assert other_shopper.status_code == 302


# -- the same work for known and unknown addresses -------------------------------------------


@pytest.fixture
def hashes(monkeypatch):
    """Counts password hashes (the test settings hash with MD5PasswordHasher)."""
    calls = []
    original = MD5PasswordHasher.encode

    def counting_encode(self, password, salt):
        calls.append(password)
        return original(self, password, salt)

    monkeypatch.setattr(MD5PasswordHasher, "encode", counting_encode)
    return calls


@pytest.mark.parametrize("login", [storefront_login, admin_login], ids=["storefront", "admin"])
def test_a_failed_login_hashes_once_whether_or_not_the_address_has_an_account(client, anna, hashes, login):
    work = {}
    for email in ["anna@voorbeeld.nl", "Anna@Voorbeeld.NL", "niemand@voorbeeld.nl"]:
        hashes.clear()
        assert login(client, email, "fout-wachtwoord").status_code == 200
        work[email] = len(hashes)
    assert work == {"anna@voorbeeld.nl": 1, "Anna@Voorbeeld.NL": 1, "niemand@voorbeeld.nl": 1}
