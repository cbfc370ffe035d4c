"""The withdrawal function (W18) on the storefront: the button during the whole window, the
form with its separate confirmation step, its optional questions (W6, W13 seal, W16 pick-up),
the acknowledgement e-mail with the slip and the model form (W4, W12, W16), and bad input."""

import io
import re
from datetime import date
from decimal import Decimal

import pypdf
import pytest
from django.core import mail
from django.core.cache import cache
from django.core.mail.backends.locmem import EmailBackend
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from oscar.core.loading import get_model
from wagtail.models import Page

from commerce.order.guest_links import order_token
from commerce.returns import withdrawing
from commerce.returns.models import Return, State
from tests.cms.product_page_support import make_page, product_index
from tests.commerce.fulfilment_support import paid_order
from tests.commerce.returns.withdrawal_support import delivered_order, form_data
from tests.factories import ParentProductFactory, ProductClassFactory, ProductFactory, UserFactory

ProductRecommendation = get_model("catalogue", "ProductRecommendation")

pytestmark = pytest.mark.django_db

BUTTON = "Overeenkomst hier herroepen"
CONFIRM = "Herroeping bevestigen"


def pdf_text(content: bytes) -> str:
    return "\n".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(content)).pages)


def hidden_inputs(html: str) -> dict:
    return dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)">', html))


def withdraw_url(ref):
    return reverse("returns:withdraw", kwargs={"ref": ref})


def confirm_url(ref):
    return reverse("returns:confirm", kwargs={"ref": ref})


@pytest.fixture
def customer(client):
    user = UserFactory(email="sanne@example.nl")
    client.force_login(user)
    return user


@pytest.fixture
def confirmed(client, committed):
    """Posts the form, then the confirmation step with what it carried; returns the response."""

    def confirmed(ref, data):
        step = client.post(withdraw_url(ref), data)
        assert step.status_code == 200, step.content.decode()
        assert CONFIRM in step.content.decode()
        page = step.content.decode()
        # What the confirm button's own form carries (not the exchange forms below it).
        start = page.index('class="withdrawal__confirm"')
        carried = hidden_inputs(page[start : page.index("</form>", start)])
        with committed():
            return client.post(confirm_url(ref), carried)

    return confirmed


# --- the button (W18) --------------------------------------------------------------------------


@pytest.mark.rule("W18")
def test_w18_the_account_order_page_shows_the_button_during_the_window(client, shop, customer):
    order = delivered_order(customer, days_ago=14)  # delivered 14 days ago: today is the last day

    html = client.get(reverse("customer:order", kwargs={"order_number": order.number})).content.decode()

    assert BUTTON in html
    assert f'href="{withdraw_url(order.number)}"' in html
    assert "tot en met" in html


@pytest.mark.rule("W18", "W1")
def test_w18_no_button_once_the_window_ended_and_the_form_says_so(client, shop, customer):
    order = delivered_order(customer, days_ago=15)  # the window's last day was yesterday

    html = client.get(reverse("customer:order", kwargs={"order_number": order.number})).content.decode()
    assert BUTTON not in html.split('<footer class="site-footer">')[0]  # the footer's link stays

    response = client.get(withdraw_url(order.number))
    assert response.status_code == 403
    assert "De bedenktijd van bestelling" in response.content.decode()


@pytest.mark.rule("W18")
def test_w18_the_guest_order_page_shows_the_button_with_its_signed_link(client, shop):
    order = delivered_order()
    token = order_token(order)

    html = client.get(reverse("order-guest-detail", kwargs={"token": token})).content.decode()

    assert BUTTON in html
    assert f'href="{withdraw_url(token)}"' in html


@pytest.mark.rule("W18")
def test_w18_the_button_shows_while_the_parcel_is_on_its_way(client, shop, customer):
    order = paid_order([(ProductFactory(), 1)], user=customer)  # not even dispatched

    html = client.get(reverse("customer:order", kwargs={"order_number": order.number})).content.decode()

    assert f'href="{withdraw_url(order.number)}"' in html


@pytest.mark.rule("W18")
@pytest.mark.parametrize("url", ["/", "/basket/", "/accounts/login/"])
def test_w18_every_page_links_the_withdrawal_page_in_its_footer(client, shop, url):
    html = client.get(url).content.decode()
    footer = html[html.index('<footer class="site-footer">') :]
    assert f'<a class="site-footer__withdraw" href="/herroepen/">{BUTTON}</a>' in footer


# --- the footer's lookup (W18) -----------------------------------------------------------------


@pytest.fixture(autouse=True)
def fresh_counts():
    """The lookup counts failures in the cache: every test starts with none."""
    cache.clear()
    yield
    cache.clear()


def look_up(client, number, email):
    return client.post(reverse("returns:lookup"), {"number": number, "email": email})


@pytest.mark.rule("W18")
def test_w18_a_guest_with_the_right_pair_gets_to_the_withdrawal_form(client, shop):
    order = delivered_order(email="Sanne@Example.test")

    response = look_up(client, f" {order.number} ", "sanne@example.TEST")

    assert response.status_code == 302
    assert response["Location"] == withdraw_url(order_token(order))
    form = client.get(response["Location"])
    assert form.status_code == 200
    assert "Mok" in form.content.decode()


@pytest.mark.rule("W18")
def test_w18_another_customers_order_and_a_made_up_number_get_byte_identical_answers(client, shop):
    guest = delivered_order(email="gast@example.test")
    someone_else = delivered_order(user=UserFactory(email="ander@example.nl"), email="ander@example.nl")
    made_up = str(int(someone_else.number) + 1000)

    with_other_order = look_up(client, someone_else.number, guest.email)
    with_made_up_number = look_up(client, made_up, guest.email)

    def answer(response):
        return response.status_code, response.get("Location"), response.content

    assert answer(with_other_order) == answer(with_made_up_number)
    assert with_other_order.status_code == 302  # back to the lookup page, which says so
    page = client.get(with_other_order["Location"])
    assert "We vinden geen bestelling met dit bestelnummer en e-mailadres" in page.content.decode()
    assert page.templates[0].name == "returns/lookup.html"


@pytest.mark.rule("W18")
def test_w18_a_wrong_pair_keeps_what_was_typed(client, shop):
    response = look_up(client, "999999", "sanne@example.test")
    html = client.get(response["Location"]).content.decode()
    assert 'value="999999"' in html
    assert 'value="sanne@example.test"' in html


@pytest.mark.rule("W18")
def test_w18_too_many_wrong_pairs_for_one_order_number_are_refused_with_429(client, shop, settings):
    order = delivered_order()
    for _attempt in range(settings.WINKELIER_WITHDRAWAL_LOOKUP_FAILURES_PER_ORDER):
        assert look_up(client, order.number, "raden@example.test").status_code == 302

    refused = look_up(client, order.number, order.email)  # even the right pair, for now

    assert refused.status_code == 429
    assert "Probeer het over 15 minuten opnieuw" in refused.content.decode()
    # An unknown number counts the same: 429 says nothing about which numbers exist.
    for _attempt in range(settings.WINKELIER_WITHDRAWAL_LOOKUP_FAILURES_PER_ORDER):
        look_up(client, "424242", "raden@example.test")
    assert look_up(client, "424242", "raden@example.test").status_code == 429


@pytest.mark.rule("W18")
def test_w18_too_many_wrong_pairs_from_one_address_are_refused_with_429(client, shop, settings):
    settings.WINKELIER_WITHDRAWAL_LOOKUP_FAILURES_PER_IP = 3
    order = delivered_order()
    for number in ("1", "2", "3"):
        look_up(client, number, "raden@example.test")

    assert look_up(client, order.number, order.email).status_code == 429


@pytest.mark.rule("W18")
@pytest.mark.parametrize(
    "data",
    [
        {},
        {"number": "", "email": "x@example.test"},
        {"number": "1", "email": "geen-adres"},
        {"number": "a\x00b", "email": "x@example.test"},
        {"number": "9" * 500, "email": "x@example.test"},
    ],
)
def test_w18_a_lookup_with_bad_input_is_answered_400_in_dutch(client, shop, data):
    response = client.post(reverse("returns:lookup"), data)
    assert response.status_code == 400
    assert 'class="error-block"' in response.content.decode()


# --- whose order (W18) -------------------------------------------------------------------------


@pytest.mark.rule("W18")
def test_w18_a_customer_cannot_open_another_customers_withdrawal_pages(client, shop, customer, committed):
    theirs = delivered_order(UserFactory(email="ander@example.nl"))
    with committed():
        their_return = withdrawing.withdraw(
            theirs, [withdrawing.LineChoice(theirs.lines.first(), 1)], name="Ander", email="ander@example.nl"
        )
    number = their_return.number

    assert client.get(withdraw_url(theirs.number)).status_code == 404
    assert client.post(confirm_url(theirs.number), form_data(theirs)).status_code == 404
    for view in ("returns:return", "returns:slip"):
        assert client.get(reverse(view, kwargs={"ref": theirs.number, "number": number})).status_code == 404
    cancel = reverse("returns:cancel", kwargs={"ref": theirs.number, "number": number})
    assert client.post(cancel).status_code == 404
    assert Return.objects.get().state == State.AUTHORISED


@pytest.mark.rule("W18")
def test_w18_a_plain_order_number_asks_to_log_in(client, shop):
    order = delivered_order()
    response = client.get(withdraw_url(order.number))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("customer:login"))


@pytest.mark.rule("W18")
def test_w18_a_forged_token_opens_nothing(client, shop, customer):
    order = delivered_order()
    assert client.get(withdraw_url(f"{order.number}:vervalst")).status_code == 404


# --- the form and its confirmation step (W18, W6) ------------------------------------------------


@pytest.mark.rule("W18", "W6")
def test_w18_the_form_asks_only_name_and_e_mail_prefilled_and_all_that_is_left(client, shop, customer):
    order = delivered_order(customer)
    lamp, mugs = order.lines.order_by("pk")

    response = client.get(withdraw_url(order.number))

    assert response.status_code == 200
    html = response.content.decode()
    form = response.context["form"]
    assert form["name"].value() == "Sanne de Vries"
    assert form["email"].value() == "sanne@example.nl"
    assert form[f"line-{mugs.pk}-quantity"].value() == 2
    # W6: the question is optional and never marked or labelled as required.
    assert "We horen graag waarom" in html
    assert not form.fields["reason"].required
    reason_inputs = re.findall(r'<input type="radio" name="reason"[^>]*>', html)
    assert reason_inputs
    assert not any("required" in tag for tag in reason_inputs)
    assert "verplicht" not in html.lower()
    # No other required fields than the name and e-mail address, and the quantities (prefilled).
    assert [name for name, field in form.fields.items() if field.required] == [
        "name",
        "email",
        f"line-{lamp.pk}-quantity",
        f"line-{mugs.pk}-quantity",
    ]


@pytest.mark.rule("W18", "W6", "W4")
def test_w18_one_line_withdrawn_without_a_reason_is_confirmed_on_a_page_of_its_own(
    client, shop, customer, confirmed
):
    order = delivered_order(customer)
    lamp, mugs = order.lines.order_by("pk")
    before = timezone.now()

    done = confirmed(order.number, form_data(order, {lamp: 0, mugs: 1}))

    return_request = Return.objects.get()
    assert done.status_code == 302
    page_url = reverse("returns:return", kwargs={"ref": order.number, "number": return_request.number})
    assert done["Location"] == page_url
    assert return_request.reason == ""
    assert return_request.state == State.AUTHORISED
    assert before <= return_request.notice_at <= timezone.now()
    assert [(line.order_line, line.quantity) for line in return_request.lines.all()] == [(mugs, 1)]
    page = client.get(page_url).content.decode()
    assert return_request.number in page
    assert timezone.localtime(return_request.notice_at).strftime("%H:%M") in page
    assert "Goedgekeurd" in page
    assert "retourbon.pdf" in page


@pytest.mark.rule("W18")
def test_w18_nothing_is_withdrawn_before_the_separate_confirmation(client, shop, customer):
    order = delivered_order(customer)

    step = client.post(withdraw_url(order.number), form_data(order))

    assert step.status_code == 200
    assert CONFIRM in step.content.decode()
    assert Return.objects.count() == 0
    assert mail.outbox == []


@pytest.mark.rule("W18")
def test_w18_going_back_from_the_confirmation_step_keeps_the_answers(client, shop, customer):
    order = delivered_order(customer)
    lamp, mugs = order.lines.order_by("pk")
    data = form_data(order, {lamp: 0, mugs: 1}, reason="size")

    back = client.post(withdraw_url(order.number), {**data, "wijzigen": "1"})

    assert back.status_code == 200
    form = back.context["form"]
    assert form[f"line-{lamp.pk}-quantity"].value() == "0"
    assert form["reason"].value() == "size"


@pytest.mark.rule("W4", "W18", "W12", "W16")
def test_w4_the_acknowledgement_has_the_date_and_time_the_number_the_slip_and_the_model_form(
    client, shop, customer, confirmed
):
    order = delivered_order(customer)
    lamp, mugs = order.lines.order_by("pk")

    confirmed(order.number, form_data(order, {lamp: 0, mugs: 1}, email="ander-adres@example.nl"))

    return_request = Return.objects.get()
    [message] = [m for m in mail.outbox if return_request.number in m.subject]
    assert message.to == ["ander-adres@example.nl"]  # where the form asked the confirmation
    sent_at = timezone.localtime(return_request.notice_at)
    body = message.body.replace("\xa0", " ")
    assert f"Verstuurd op: {sent_at.day} " in body
    assert sent_at.strftime("%H:%M") in body
    assert f"Retournummer: {return_request.number}" in body
    assert "1 x Mok" in body
    attachments = {name: content for name, content, _type in message.attachments}
    slip = pdf_text(attachments[f"retourbon-{return_request.number}.pdf"])
    assert return_request.number in slip
    assert "Oudegracht 99" in slip  # the shop's return address
    assert order.number in slip
    assert "Mok" in slip
    assert "Bureaulamp" not in slip
    model_form = pdf_text(attachments["modelformulier-herroeping.pdf"])
    assert "Modelformulier voor herroeping" in model_form
    assert "Winkelier Utrecht" in model_form
    assert "Sanne de Vries" in model_form  # filled in: the consumer's name ...
    assert "1 × Mok" in model_form  # ... and what is withdrawn


@pytest.mark.rule("W16")
def test_w16_the_slip_is_served_to_the_order_and_its_guest_link_only(client, shop, customer, confirmed):
    order = delivered_order(customer)
    confirmed(order.number, form_data(order))
    number = Return.objects.get().number

    own = client.get(reverse("returns:slip", kwargs={"ref": order.number, "number": number}))
    assert own.status_code == 200
    assert own["Content-Type"] == "application/pdf"
    assert number in pdf_text(own.content)
    client.logout()
    by_link = client.get(reverse("returns:slip", kwargs={"ref": order_token(order), "number": number}))
    assert by_link.status_code == 200
    own_url = reverse("returns:slip", kwargs={"ref": order.number, "number": number})
    assert client.get(own_url).status_code == 302  # the number alone asks to log in


@pytest.mark.rule("W12")
def test_w12_the_model_form_as_a_pdf(client, shop):
    response = client.get("/herroepen/modelformulier.pdf")
    assert response.status_code == 200
    text = pdf_text(response.content)
    assert "Winkelier Utrecht" in text
    assert "Oudegracht 99" in text
    assert "hallo@winkelier.test" in text
    for field in ("Besteld op (*) / ontvangen op (*):", "Naam/namen consument(en):", "Datum:"):
        assert field in text
    assert 'href="/herroepen/modelformulier.pdf"' in client.get("/herroepen/modelformulier/").content.decode()


# --- bad input: a clear Dutch 4xx, nothing written (W18) ---------------------------------------


def assert_refused(response, message):
    assert response.status_code == 400
    assert message in response.content.decode()
    assert Return.objects.count() == 0
    assert mail.outbox == []


@pytest.mark.rule("W18")
@pytest.mark.parametrize("url", [withdraw_url, confirm_url])
def test_w18_bad_quantities_are_refused_with_a_dutch_400(client, shop, customer, url):
    order = delivered_order(customer)
    lamp, mugs = order.lines.order_by("pk")
    other_line = delivered_order(customer).lines.first()
    ref = order.number

    assert_refused(client.post(url(ref), form_data(order, {mugs: "twee"})), "Vul het aantal in als getal")
    assert_refused(client.post(url(ref), form_data(order, {mugs: 3})), "Je kunt hiervan nog hoogstens 2")
    assert_refused(client.post(url(ref), form_data(order, {mugs: -1})), "kan niet kleiner zijn dan 0.")
    assert_refused(client.post(url(ref), form_data(order, {mugs: ""})), "Vul een aantal in")
    assert_refused(client.post(url(ref), form_data(order, {lamp: 0, mugs: 0})), "Kies wat je wilt herroepen")
    foreign = {**form_data(order), f"line-{other_line.pk}-quantity": "1"}
    assert_refused(client.post(url(ref), foreign), "Die regel hoort niet bij deze bestelling.")
    assert_refused(client.post(url(ref), form_data(order, name="", email="geen-adres")), "Vul je naam in.")
    assert_refused(client.post(url(ref), form_data(order, reason="omdat")), "Kies een van de antwoorden")
    assert_refused(client.post(url(ref), form_data(order, name="a\x00b")), "Null")  # Django's own message


@pytest.mark.rule("W18")
def test_w18_a_second_click_on_confirm_withdraws_nothing_twice(client, shop, customer, confirmed):
    order = delivered_order(customer)
    lamp, mugs = order.lines.order_by("pk")
    data = form_data(order, {lamp: 0, mugs: 2})
    confirmed(order.number, data)
    sent = len(mail.outbox)

    again = client.post(confirm_url(order.number), data)

    assert again.status_code == 400
    assert "“Mok” heb je al helemaal herroepen." in again.content.decode()
    assert Return.objects.count() == 1
    assert len(mail.outbox) == sent


@pytest.mark.rule("W13", "W18")
def test_w13_a_refused_line_is_shown_with_its_rule_and_cannot_be_posted(client, shop, customer):
    chocolate = ProductFactory(title="Chocoladereep", product_class=ProductClassFactory(perishable=True))
    order = delivered_order(customer, items=[(chocolate, 1), (ProductFactory(title="Mok"), 1)])
    bar, mug = order.lines.order_by("pk")

    html = client.get(withdraw_url(order.number)).content.decode()
    assert "Niet te herroepen: Uitzondering W13 (d) Bederfelijk" in html
    assert f'name="line-{bar.pk}-quantity"' not in html

    forced = {**form_data(order, {mug: 1}), f"line-{bar.pk}-quantity": "1"}
    assert_refused(client.post(confirm_url(order.number), forced), "W13 (d)")


@pytest.mark.rule("W18")
def test_w18_refused_by_the_core_is_a_form_error_and_writes_nothing(client, shop, customer, monkeypatch):
    """Another withdrawal of the same mugs lands between the form's check and ours (a second
    tab): the core refuses under the order's lock, and the customer reads why."""
    order = delivered_order(customer)
    lamp, mugs = order.lines.order_by("pk")
    real_withdraw = withdrawing.withdraw

    def after_another_tab(*args, **kwargs):
        real_withdraw(order, [withdrawing.LineChoice(mugs, 2)], name="Sanne", email=order.email)
        return real_withdraw(*args, **kwargs)

    monkeypatch.setattr(withdrawing, "withdraw", after_another_tab)
    response = client.post(confirm_url(order.number), form_data(order, {lamp: 0, mugs: 1}))

    assert response.status_code == 400
    assert "“Mok”: je kunt er nog 0 herroepen, niet 1." in response.content.decode()
    assert Return.objects.count() == 1  # the other tab's


@pytest.mark.rule("W15")
def test_w15_an_exchange_for_something_not_offered_is_refused(client, shop, customer):
    order = delivered_order(customer)
    other = ProductFactory()
    data = {**form_data(order), "exchange_for": str(other.pk)}
    assert_refused(client.post(confirm_url(order.number), data), "Deze ruil kunnen we niet aanbieden.")
    assert_refused(client.post(confirm_url(order.number), {**data, "exchange_for": "x"}), "ruil")


@pytest.mark.rule("W18")
def test_w18_confirm_answers_a_get_by_going_back_to_the_form(client, shop, customer):
    order = delivered_order(customer)
    response = client.get(confirm_url(order.number))
    assert response.status_code == 302
    assert response["Location"] == withdraw_url(order.number)


@pytest.mark.rule("W18")
def test_w18_the_form_posts_need_the_csrf_token(shop, customer):
    client = Client(enforce_csrf_checks=True)
    client.force_login(customer)
    order = delivered_order(customer)
    assert client.post(confirm_url(order.number), form_data(order)).status_code == 403
    assert Return.objects.count() == 0


# --- the optional questions (W13 seal, W16 pick-up) ----------------------------------------------


@pytest.mark.rule("W13")
@pytest.mark.parametrize(
    ("answer", "state"), [("yes", State.AUTHORISED), ("no", State.REVIEW), ("", State.REVIEW)]
)
def test_w13_the_seal_question_decides_between_authorised_and_review(
    client, shop, customer, confirmed, answer, state
):
    game = ProductFactory(title="Bordspel", product_class=ProductClassFactory(sealed_software=True))
    order = delivered_order(customer, items=[(game, 1)])
    line = order.lines.get()

    html = client.get(withdraw_url(order.number)).content.decode()
    assert "Is de verzegeling nog intact?" in html

    confirmed(order.number, {**form_data(order), f"line-{line.pk}-seal": answer})
    return_request = Return.objects.get()
    assert return_request.state == state
    assert return_request.lines.get().seal_intact == {"yes": True, "no": False, "": None}[answer]


@pytest.mark.rule("W16")
def test_w16_pick_up_on_a_working_day_when_the_shop_offers_it(client, shop, customer, confirmed):
    shop.offers_pickup = True
    shop.save()
    order = delivered_order(customer)
    form = client.get(withdraw_url(order.number)).context["form"]
    days = [value for value, _label in form.fields["pickup_on"].choices if value]
    assert len(days) == 5
    assert all(date.fromisoformat(day).weekday() < 5 for day in days)

    confirmed(order.number, form_data(order, pickup_on=days[0]))

    return_request = Return.objects.get()
    assert return_request.pickup_on == date.fromisoformat(days[0])
    [message] = [m for m in mail.outbox if return_request.number in m.subject]
    attachments = {name: content for name, content, _type in message.attachments}
    slip = pdf_text(attachments[f"retourbon-{return_request.number}.pdf"])
    assert "We halen het op" in slip
    assert "We halen het pakket op" in message.body


@pytest.mark.rule("W16")
def test_w16_no_pick_up_when_the_shop_does_not_offer_it_or_nothing_was_shipped(client, shop, customer):
    not_offered = client.get(withdraw_url(delivered_order(customer).number))
    assert "pickup_on" not in not_offered.context["form"].fields
    shop.offers_pickup = True
    shop.save()
    unshipped = paid_order([(ProductFactory(), 1)], user=customer)
    assert "pickup_on" not in client.get(withdraw_url(unshipped.number)).context["form"].fields


# --- the return on the order page: tracking code (W10) and cancelling (W17) ----------------------


@pytest.fixture
def withdrawn(customer, committed):
    order = delivered_order(customer)
    with committed():
        return withdrawing.withdraw(
            order, [withdrawing.LineChoice(order.lines.last(), 1)], name="Sanne", email=order.email
        )


@pytest.mark.rule("W10", "W17")
def test_w10_the_customer_gives_the_tracking_code_from_the_order_page(client, shop, withdrawn):
    order = withdrawn.order
    html = client.get(reverse("customer:order", kwargs={"order_number": order.number})).content.decode()
    assert f"Retour {withdrawn.number}" in html
    assert "Goedgekeurd" in html
    action = reverse("returns:mark-sent", kwargs={"ref": order.number, "number": withdrawn.number})
    assert f'action="{action}"' in html

    assert client.post(action, {"tracking_code": "x" * 65}).status_code == 400
    response = client.post(action, {"tracking_code": " 3SRET123 "})

    assert response.status_code == 302
    withdrawn.refresh_from_db()
    assert withdrawn.state == State.SENT
    assert withdrawn.tracking_code == "3SRET123"
    assert withdrawn.events.last().actor_label == "klant"
    html = client.get(response["Location"]).content.decode()
    assert "Onderweg terug" in html
    assert "Herroeping intrekken" not in html


@pytest.mark.rule("W17")
def test_w17_the_customer_withdraws_the_withdrawal(client, shop, withdrawn):
    order = withdrawn.order
    cancel = reverse("returns:cancel", kwargs={"ref": order.number, "number": withdrawn.number})

    response = client.post(cancel)

    assert response.status_code == 302
    withdrawn.refresh_from_db()
    assert withdrawn.state == State.CANCELLED
    again = client.post(cancel)
    assert again.status_code == 400
    assert "kan niet naar" in again.content.decode()
    # The lines are free again: the form offers everything.
    form = client.get(withdraw_url(order.number)).context["form"]
    assert form.anything_open
    assert all(row.left == row.line.quantity for row in form.rows)


# --- alternatives, never a condition (W15) -------------------------------------------------------


@pytest.fixture
def sweater_order(customer, media):
    """A customer bought the sweater in M; L is in stock, S is not; a scarf goes with it."""
    sizes = [("Maat M", "49.95"), ("Maat L", "49.95"), ("Maat S", "49.95")]
    sweater = ParentProductFactory(title="Trui Aria", children=sizes)
    medium, large, small = sweater.children.order_by("pk")
    small.stockrecords.update(num_in_stock=0)
    scarf = ProductFactory(title="Sjaal Bries", price=Decimal("19.95"))
    make_page(product_index(), sweater)
    make_page(Page.objects.get(slug="producten"), scarf)
    ProductRecommendation.objects.create(primary=sweater, recommendation=scarf, ranking=1)
    order = delivered_order(customer, items=[(medium, 1)])
    return {"order": order, "large": large, "small": small, "scarf": scarf}


@pytest.mark.rule("W15")
def test_w15_the_confirmation_step_offers_another_size_and_a_related_product_below_the_button(
    client, shop, sweater_order
):
    order = sweater_order["order"]

    html = client.post(withdraw_url(order.number), form_data(order)).content.decode()

    button = html.index(CONFIRM)
    alternatives = html.index("Liever iets anders?")
    assert button < alternatives
    offered = html[alternatives:]
    assert "Trui Aria: Maat L" in offered
    assert f'name="exchange_for" value="{sweater_order["large"].pk}"' in offered
    assert "Maat S" not in offered  # not in stock
    assert "Sjaal Bries" in offered
    assert ">Ruilen<" in offered


@pytest.mark.rule("W15")
def test_w15_exchanging_confirms_the_withdrawal_flagged_with_the_variant(
    client, shop, sweater_order, committed
):
    order = sweater_order["order"]
    step = client.post(withdraw_url(order.number), form_data(order)).content.decode()
    exchange = step[step.index('class="withdrawal-alternatives__exchange"') :]
    carried = hidden_inputs(exchange.split("</form>")[0])

    with committed():
        response = client.post(confirm_url(order.number), carried)

    assert response.status_code == 302
    return_request = Return.objects.get()
    assert return_request.exchange_for == sweater_order["large"]
    assert "Maat L" in client.get(response["Location"]).content.decode()


@pytest.mark.rule("W15")
def test_w15_the_acknowledgement_shows_up_to_three_related_products(client, shop, sweater_order, confirmed):
    order = sweater_order["order"]
    confirmed(order.number, form_data(order))

    [message] = [m for m in mail.outbox if Return.objects.get().number in m.subject]
    assert "Liever iets anders?" in message.body
    assert "Sjaal Bries" in message.body
    assert "?aanbevolen=return" in message.body


@pytest.mark.rule("W15")
def test_w15_the_withdrawal_goes_through_when_the_alternatives_fail(
    client, shop, customer, confirmed, monkeypatch
):
    def broken(*args, **kwargs):
        raise RuntimeError("recommendations down")

    monkeypatch.setattr("commerce.returns.alternatives.recommendations_for", broken)
    order = delivered_order(customer)

    assert confirmed(order.number, form_data(order)).status_code == 302
    assert Return.objects.count() == 1
    assert any(Return.objects.get().number in m.subject for m in mail.outbox)


# --- accessible pages (labelled fields, fieldsets with legends, errors linked) -----------------------


def field_ids(html: str) -> list[str]:
    return [
        field_id
        for field_id in re.findall(
            r'<(?:input|select|textarea)(?![^>]*type="hidden")[^>]*\bid="([^"]+)"', html
        )
        if field_id not in ("site-search-q", "site-nav-toggle")
    ]


@pytest.mark.rule("W18")
def test_w18_every_field_is_labelled_every_group_has_a_legend_and_errors_are_linked(
    client, shop, customer, withdrawn
):
    shop.offers_pickup = True
    shop.save()
    game = ProductFactory(title="Bordspel", product_class=ProductClassFactory(sealed_software=True))
    order = delivered_order(customer, items=[(game, 1)])
    line = order.lines.get()
    pages = {
        "lookup": client.get(reverse("returns:lookup")),
        "form": client.get(withdraw_url(order.number)),
        "return": client.get(
            reverse("returns:return", kwargs={"ref": withdrawn.order.number, "number": withdrawn.number})
        ),
    }
    for name, response in pages.items():
        html = response.content.decode()
        assert '<meta name="robots" content="noindex' in html
        for field_id in field_ids(html):
            assert f'for="{field_id}"' in html, f"{field_id} on the {name} page has no label"
    form = pages["form"].content.decode()
    assert form.count("<fieldset") == form.count("<legend") == 5  # lines, seal, contact, pick-up, reason

    wrong = client.post(withdraw_url(order.number), form_data(order, {line: "x"}, email="nee"))
    html = wrong.content.decode()
    for field_id in (f"id_line-{line.pk}-quantity", "id_email"):
        assert f'aria-describedby="{field_id}_error"' in html
        assert f'id="{field_id}_error"' in html


@pytest.mark.rule("W4")
def test_w4_an_acknowledgement_that_failed_is_sent_by_send_pending_emails(
    client, shop, customer, confirmed, settings
):
    settings.EMAIL_BACKEND = "tests.commerce.returns.test_withdrawal_function.DownBackend"
    order = delivered_order(customer)
    assert confirmed(order.number, form_data(order)).status_code == 302
    return_request = Return.objects.get()  # the withdrawal stands; only its e-mail failed
    assert mail.outbox == []
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"

    call_command("send_pending_emails", stdout=io.StringIO())

    [message] = [m for m in mail.outbox if return_request.number in m.subject]
    assert message.to == [order.email]
    assert {name for name, _content, _type in message.attachments} == {
        f"retourbon-{return_request.number}.pdf",
        "modelformulier-herroeping.pdf",
    }


class DownBackend(EmailBackend):
    def send_messages(self, messages):
        raise ConnectionRefusedError("SMTP server unreachable")


WRITES = re.compile(r"^\s*(INSERT|UPDATE|DELETE|REPLACE)\b", re.IGNORECASE)


@pytest.mark.rule("W18")
def test_w18_the_withdrawal_pages_write_nothing_when_read(client, shop, withdrawn):
    order = withdrawn.order
    look_up(client, "999999", "sanne@example.test")  # a wrong pair: its page shows what was typed
    urls = [
        reverse("customer:order", kwargs={"order_number": order.number}),
        f"{reverse('returns:lookup')}?niet-gevonden",
        withdraw_url(order.number),
        reverse("returns:return", kwargs={"ref": order.number, "number": withdrawn.number}),
        reverse("returns:slip", kwargs={"ref": order.number, "number": withdrawn.number}),
        "/herroepen/modelformulier/",
        "/herroepen/modelformulier.pdf",
    ]
    for url in urls:
        client.get(url)  # first visits may set up a basket
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        writes = [query["sql"] for query in queries.captured_queries if WRITES.match(query["sql"])]
        assert writes == [], url
