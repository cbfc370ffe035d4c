"""The custom user model: unique e-mail, login by e-mail, managed in Wagtail's user admin."""

import pytest
from django.contrib.auth import authenticate, get_user_model
from django.contrib.auth.models import Group
from django.db import IntegrityError, transaction
from django.test import RequestFactory

from home.staff_groups import AFTER_SALES, AFTER_SALES_MANAGERS, EDITORS, ORDER_MANAGERS

User = get_user_model()


@pytest.fixture
def superuser(db):
    return User.objects.create_superuser(email="baas@winkelier.test", password="geheim-wachtwoord-1")


def login_request():
    """Logins authenticate with their request (django-axes throttles per request)."""
    return RequestFactory().post("/accounts/login/")


@pytest.mark.django_db
def test_user_logs_in_by_email_whatever_the_case():
    User.objects.create_user(email="Anna@Voorbeeld.nl", password="appeltaart-2026")
    assert authenticate(login_request(), email="anna@voorbeeld.nl", password="appeltaart-2026") is not None
    assert authenticate(login_request(), username="ANNA@voorbeeld.nl", password="appeltaart-2026") is not None
    assert authenticate(login_request(), username="anna@voorbeeld.nl", password="fout") is None


@pytest.mark.django_db
def test_email_is_unique_ignoring_case():
    User.objects.create_user(email="jan@voorbeeld.nl", password="x")
    with pytest.raises(IntegrityError), transaction.atomic():
        User.objects.create_user(email="JAN@voorbeeld.nl", password="x")


@pytest.mark.django_db
def test_staff_groups_exist_after_migrate_with_least_privilege():
    groups = {group.name: group for group in Group.objects.prefetch_related("permissions")}
    assert {EDITORS, AFTER_SALES, ORDER_MANAGERS} <= set(groups)
    codenames = {name: {p.codename for p in groups[name].permissions.all()} for name in groups}
    after_sales_work = {
        "access_admin",
        "view_tierrule",
        "view_task",
        "change_task",
        "view_customer",
        "change_customer",
        "add_customernote",
        "view_messagetemplate",
        "change_messagetemplate",
        "view_dashboard",
        "view_followupstep",
        "change_followupstep",
        "view_segments",
    }
    assert codenames[AFTER_SALES] == after_sales_work
    assert codenames[AFTER_SALES_MANAGERS] == after_sales_work | {
        "approve_gift",
        "refresh_dashboard",
        "add_tierrule",
        "change_tierrule",
        "delete_tierrule",
        "add_followupstep",
        "delete_followupstep",
        "export_customers",
    }
    assert codenames[ORDER_MANAGERS] == {
        "access_admin",
        "dashboard_access",
        "view_placementcount",
        "view_return",
        "add_return",
        "change_return",
    }
    assert {p.permission.codename for p in groups[EDITORS].page_permissions.all()} >= {
        "add_page",
        "change_page",
        "publish_page",
    }
    assert not groups[AFTER_SALES].page_permissions.exists()


def test_superuser_creates_a_staff_user_in_wagtails_user_admin(client, superuser):
    client.force_login(superuser)
    editors = Group.objects.get(name=EDITORS)
    form_page = client.get("/admin/users/new/")
    assert form_page.status_code == 200
    response = client.post(
        "/admin/users/new/",
        {
            "email": "nieuwe.redacteur@winkelier.test",
            "first_name": "Noor",
            "last_name": "de Vries",
            "password1": "Lange-zin-als-wachtwoord-7",
            "password2": "Lange-zin-als-wachtwoord-7",
            "is_active": "on",
            "groups": [editors.pk],
        },
    )
    assert response.status_code == 302, response.context["form"].errors if response.context else response
    created = User.objects.get(email="nieuwe.redacteur@winkelier.test")
    assert list(created.groups.all()) == [editors]
    client.logout()
    login = client.post(
        "/admin/login/",
        {"username": "nieuwe.redacteur@winkelier.test", "password": "Lange-zin-als-wachtwoord-7"},
    )
    assert login.status_code == 302
    assert client.session["_auth_user_id"] == str(created.pk)


def test_wagtail_user_admin_refuses_a_duplicate_email_and_keeps_the_form(client, superuser):
    User.objects.create_user(email="bestaat@winkelier.test", password="x")
    client.force_login(superuser)
    response = client.post(
        "/admin/users/new/",
        {
            "email": "Bestaat@Winkelier.test",
            "first_name": "Piet",
            "last_name": "",
            "password1": "Lange-zin-als-wachtwoord-7",
            "password2": "Lange-zin-als-wachtwoord-7",
        },
    )
    assert response.status_code == 200
    assert "Er bestaat al een account met dit e-mailadres." in str(response.context["form"].errors)
    assert 'value="Piet"' in response.content.decode()
    assert User.objects.filter(email__iexact="bestaat@winkelier.test").count() == 1
