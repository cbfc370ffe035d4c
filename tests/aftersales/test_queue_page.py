"""The after-sales queue in the Wagtail admin (A3): the open list by due date, its filters, the
"te laat" flag (A2), "Op mij" posted to the task page, the selection's cards printed as one PDF,
never a hold-out task (A8), and a page costing the same queries whatever its size."""

import io
import re
from datetime import timedelta

import pypdf
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.html import escape

from aftersales import working
from aftersales.models import Task, TierChoice
from home.clock import amsterdam_today
from home.staff_groups import AFTER_SALES, AFTER_SALES_MANAGERS, EDITORS, ORDER_MANAGERS
from tests.aftersales.task_support import copies_of, placed_order, staff_member, task_for, tasks_on
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

QUEUE = reverse("aftersales:queue")
PRINT = reverse("aftersales:print")
Status = Task.Status


@pytest.fixture
def femke(client):
    """An After-sales staff member, logged in."""
    user = staff_member(AFTER_SALES)
    client.force_login(user)
    return user


def page_of(client, query=""):
    response = client.get(QUEUE + query)
    assert response.status_code == 200
    return response


def listed(response):
    """The order numbers on the page, top to bottom."""
    return [row.task.order.number for row in response.context["rows"]]


def messages_of(response):
    return [str(message) for message in response.context["messages"]]


@pytest.mark.rule("A3")
def test_a3_the_open_list_by_due_date_leaves_out_what_is_done(client, femke):
    today = amsterdam_today()
    later = task_for(placed_order(), due_on=today + timedelta(days=2))
    sooner = task_for(placed_order(), due_on=today - timedelta(days=1))
    task_for(placed_order(), status=Status.SENT)
    task_for(placed_order(), status=Status.SKIPPED, skip_reason="Klant wil geen post")

    response = page_of(client)

    assert listed(response) == [sooner.order.number, later.order.number]
    page = response.content.decode()
    assert "Bureaulamp" in page  # the main product
    assert reverse("aftersales:customer", args=[sooner.customer_id]) in page
    assert "Sanne de Vries" in page


@pytest.mark.rule("A8")
def test_a8_a_hold_out_task_is_never_listed_whatever_the_filters(client, femke):
    held_out = task_for(placed_order(), status=Status.HELD_OUT, due_on=amsterdam_today() - timedelta(days=5))

    for query in ("", "?status=all", "?status=done", "?due=overdue", "?assignee=nobody", "?status=held_out"):
        response = page_of(client, query)
        assert held_out.order.number not in listed(response), query

    response = client.post(PRINT, {"tasks": [held_out.pk], "layout": "postcard"}, follow=True)
    assert f"Er is geen taak {held_out.pk}." in messages_of(response)
    held_out.refresh_from_db()
    assert held_out.status == Status.HELD_OUT


@pytest.mark.rule("A2")
def test_a2_an_overdue_task_is_flagged_te_laat(client, femke):
    late = task_for(placed_order(), due_on=amsterdam_today() - timedelta(days=1))
    on_time = task_for(placed_order())

    response = page_of(client)

    flags = {row.task.pk: row.overdue for row in response.context["rows"]}
    assert flags == {late.pk: True, on_time.pk: False}
    assert response.content.decode().count("te laat") == 1


@pytest.mark.rule("A3")
def test_a3_the_filters_narrow_the_list(client, femke):
    today = amsterdam_today()
    other = staff_member(AFTER_SALES_MANAGERS, first_name="Jeroen")
    card = task_for(placed_order(), due_on=today - timedelta(days=2))
    note = task_for(placed_order(), tier=TierChoice.NOTE, due_on=today, assignee=femke, status=Status.CLAIMED)
    printed = task_for(
        placed_order(), status=Status.PRINTED, assignee=other, due_on=today + timedelta(days=30)
    )
    sent = task_for(placed_order(), status=Status.SENT, due_on=today - timedelta(days=9))

    def numbers(query):
        return set(listed(page_of(client, query)))

    assert numbers(f"?tier={TierChoice.NOTE}") == {note.order.number}
    assert numbers("?status=printed") == {printed.order.number}
    assert numbers("?status=done") == {sent.order.number}
    assert numbers("?status=sent") == {sent.order.number}
    assert numbers("?due=overdue") == {card.order.number}
    assert numbers("?due=today") == {note.order.number}
    assert numbers("?assignee=me") == {note.order.number}
    assert numbers("?assignee=nobody") == {card.order.number}
    assert numbers(f"?assignee={other.pk}") == {printed.order.number}
    assert numbers(
        f"?status=all&due_from={today - timedelta(days=9)}&due_until={today - timedelta(days=2)}"
    ) == {
        card.order.number,
        sent.order.number,
    }
    assert numbers("?kind=question") == set()
    chosen_date = page_of(client, f"?due_from={today}").content.decode()
    assert f'name="due_from" value="{today.isoformat()}"' in chosen_date  # kept for the next filter


@pytest.mark.rule("A3")
def test_a3_a_wrong_filter_is_named_on_the_page_and_the_others_still_apply(client, femke):
    today = amsterdam_today()
    task_for(placed_order(), tier=TierChoice.NOTE)
    card = task_for(placed_order())

    response = page_of(
        client, f"?tier=1&status=verzonnen&due_from=gisteren&due_until={today}&assignee=999999&per_page=7"
    )

    assert listed(response) == [card.order.number]
    page = response.content.decode()
    assert "Niet elk filter klopt" in page
    assert set(response.context["form"].errors) == {"status", "due_from", "assignee", "per_page"}

    backwards = page_of(client, f"?due_from={today}&due_until={today - timedelta(days=1)}")
    assert "due_until" in backwards.context["form"].errors


@pytest.mark.rule("A3")
def test_a3_op_mij_posts_a_claim_to_the_task_page_and_comes_back_to_this_list(client, femke):
    free = task_for(placed_order())
    mine = task_for(placed_order(), assignee=femke, status=Status.CLAIMED)

    page = page_of(client, "?tier=1&per_page=50").content.decode()

    claim_form = re.search(
        rf'<form method="post" action="{reverse("aftersales:task", args=[free.pk])}">(.*?)</form>', page, re.S
    )
    assert claim_form, "no Op mij form for the free task"
    fields = claim_form.group(1)
    assert 'name="csrfmiddlewaretoken"' in fields
    assert 'name="action" value="claim"' in fields
    assert f'name="next" value="{escape(QUEUE + "?tier=1&per_page=50")}"' in fields
    assert f'action="{reverse("aftersales:task", args=[mine.pk])}"' not in page  # already hers
    assert f'href="{reverse("aftersales:task", args=[mine.pk])}"' in page


def pdf_text(response):
    reader = pypdf.PdfReader(io.BytesIO(response.content))
    return "".join("".join(page.extract_text().split()) for page in reader.pages)


@pytest.mark.rule("A3")
def test_a3_printing_the_selection_gives_one_pdf_and_marks_the_cards_printed_not_sent(client, femke):
    anouk = task_for(
        placed_order(first_name="Anouk", last_name="Bakker", postcode="1012 AB", line4="Amsterdam")
    )
    sanne = task_for(placed_order(title="Theepot"))

    response = client.post(PRINT, {"tasks": [anouk.pk, sanne.pk], "layout": "four_on_a4", "next": QUEUE})

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert (
        response["Content-Disposition"]
        == f'attachment; filename="kaartjes-{amsterdam_today().isoformat()}.pdf"'
    )
    text = pdf_text(response)
    for expected in ("AnoukBakker", "1012AB", "BesteAnouk", "Theepot", "SannedeVries", "3511AB"):
        assert expected in text
    for task in (anouk, sanne):
        task.refresh_from_db()
        assert (task.status, task.assignee) == (Status.PRINTED, femke)

    listing = page_of(client, "?status=printed").content.decode()
    assert listing.count("Geprint, nog niet verstuurd") >= 3  # the filter's choice and two rows


@pytest.mark.rule("A3")
def test_a3_a_card_claimed_by_someone_else_is_refused_and_said_on_the_list(client, femke):
    jeroen = staff_member(AFTER_SALES, first_name="Jeroen")
    his = task_for(placed_order(), assignee=jeroen, status=Status.CLAIMED)
    free = task_for(placed_order())
    back = QUEUE + "?tier=1"

    response = client.post(PRINT, {"tasks": [his.pk, free.pk], "layout": "postcard", "next": back})

    assert response["Content-Type"] == "application/pdf"
    after = page_of(client, "?tier=1")
    assert messages_of(after) == [
        f"Niet geprint: {his.order.number}: Jeroen Jansen heeft deze taak al opgepakt."
    ]
    his.refresh_from_db()
    assert his.status == Status.CLAIMED

    alone = client.post(PRINT, {"tasks": [his.pk], "layout": "postcard", "next": back})
    assert alone.status_code == 302
    assert alone["Location"] == back
    assert messages_of(page_of(client)) == [
        "Er is niets geprint.",
        f"Niet geprint: {his.order.number}: Jeroen Jansen heeft deze taak al opgepakt.",
    ]


@pytest.mark.parametrize(
    ("selected", "layout", "message"),
    [
        ([], "postcard", "Kies eerst een of meer kaartjes om te printen."),
        (["abc"], "postcard", "Er is geen taak abc."),
        (["999999"], "postcard", "Er is geen taak 999999."),
        (None, "A5", "Kies A6-kaart of 4 kaarten op A4."),  # None: the open task
        (None, "", "Kies hoe de kaartjes op papier komen."),
    ],
)
def test_a_wrong_print_request_is_told_and_prints_nothing(client, femke, selected, layout, message):
    task = task_for(placed_order())
    tasks = [task.pk] if selected is None else selected

    response = client.post(PRINT, {"tasks": tasks, "layout": layout, "next": "https://elders.example/"})

    assert response.status_code == 302
    assert response["Location"] == QUEUE  # the open list, not the address given
    assert message in messages_of(page_of(client))
    task.refresh_from_db()
    assert task.status == Status.OPEN


def test_a_get_of_the_print_address_prints_nothing(client, femke):
    assert client.get(PRINT).status_code == 405


@pytest.mark.parametrize("group", [EDITORS, ORDER_MANAGERS])
def test_other_staff_cannot_see_the_queue_or_print(client, group):
    task = task_for(placed_order())
    client.force_login(staff_member(group, first_name="Eva"))

    assert client.get(QUEUE)["Location"] == reverse("wagtailadmin_home")  # "no permission"
    assert client.post(PRINT, {"tasks": [task.pk], "layout": "postcard"})["Location"] == reverse(
        "wagtailadmin_home"
    )
    task.refresh_from_db()
    assert task.status == Status.OPEN


def test_a_shopper_is_sent_to_the_admin_login(client):
    client.force_login(UserFactory())

    assert client.get(QUEUE)["Location"].startswith(reverse("wagtailadmin_login"))


@pytest.mark.rule("A3")
def test_a3_the_page_size_and_the_pages(client, femke):
    orders = copies_of(placed_order(), 60)
    tasks_on(orders, days=[0])

    first = page_of(client)
    assert len(first.context["rows"]) == 25
    assert len(page_of(client, "?per_page=50").context["rows"]) == 50
    last = page_of(client, "?per_page=50&p=2")
    assert len(last.context["rows"]) == 10
    assert "60 taken" in last.content.decode()


@pytest.mark.rule("A3")
def test_a3_a_page_of_100_tasks_costs_the_queries_of_a_page_of_25(client, femke):
    orders = copies_of(placed_order(), 99)
    tasks_on(orders, statuses=working.ACTIVE[:3], days=range(-2, 3))
    task_for(placed_order(), tier=TierChoice.NOTE, assignee=femke, status=Status.CLAIMED)
    page_of(client)  # the session and the admin's caches warmed up

    counts = {}
    for size in (25, 100):
        with CaptureQueriesContext(connection) as queries:
            response = page_of(client, f"?per_page={size}")
        assert len(response.context["rows"]) == size
        counts[size] = len(queries)

    assert counts[25] == counts[100], counts
