"""Demo staff logins: one user per staff group plus a superuser, with fixed demo passwords.

DEMO_LOGINS is the one place these are defined; `load_demo_shop --logins` and `make run`
print them. They are for the demo database only.
"""

from dataclasses import dataclass

from django.contrib.auth import get_user_model

from home.staff_groups import AFTER_SALES, AFTER_SALES_MANAGERS, EDITORS, ORDER_MANAGERS, ensure_staff_groups


@dataclass(frozen=True)
class DemoLogin:
    role: str
    email: str
    password: str
    first_name: str
    last_name: str
    group: str | None = None

    @property
    def is_superuser(self) -> bool:
        return self.group is None


DEMO_LOGINS = (
    DemoLogin("Beheerder (superuser)", "beheer@winkelier.test", "demo-beheer-2026", "Bea", "Beheer"),
    DemoLogin(
        "Redacteur (Editors)", "redacteur@winkelier.test", "demo-redactie-2026", "Ruud", "Redactie", EDITORS
    ),
    DemoLogin(
        "Nazorg (After-sales)", "nazorg@winkelier.test", "demo-nazorg-2026", "Nina", "Nazorg", AFTER_SALES
    ),
    DemoLogin(
        "Nazorgmanager (After-sales managers)",
        "nazorgmanager@winkelier.test",
        "demo-nazorgmanager-2026",
        "Mees",
        "Manager",
        AFTER_SALES_MANAGERS,
    ),
    DemoLogin(
        "Orderbeheer (Order managers)",
        "orders@winkelier.test",
        "demo-orders-2026",
        "Otto",
        "Orders",
        ORDER_MANAGERS,
    ),
)


def ensure_staff(partner) -> int:
    """Create or reset the demo staff users; returns how many were created.

    The order manager is a user of the Winkelier partner: Oscar's dashboard shows a
    non-staff partner user exactly that partner's orders.
    """
    groups = ensure_staff_groups()
    created = 0
    for login in DEMO_LOGINS:
        user, was_created = get_user_model().objects.get_or_create(email=login.email)
        user.first_name, user.last_name = login.first_name, login.last_name
        user.is_active = True
        user.is_superuser = user.is_staff = login.is_superuser
        # Reset on every load so the printed table is always true.
        user.set_password(login.password)
        user.save()
        if login.group:
            user.groups.set([groups[login.group]])
        if login.group == ORDER_MANAGERS:
            partner.users.add(user)
        created += was_created
    return created


def login_table() -> str:
    """Role, e-mail and password per demo login as aligned plain-text columns."""
    rows = [("Rol", "E-mail", "Wachtwoord")]
    rows += [(login.role, login.email, login.password) for login in DEMO_LOGINS]
    widths = [max(len(row[column]) for row in rows) for column in range(3)]
    lines = [
        "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip() for row in rows
    ]
    lines.insert(1, "  ".join("-" * width for width in widths))
    return "\n".join(lines)
