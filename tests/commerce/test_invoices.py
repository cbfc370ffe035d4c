"""Invoices (N3): the PDF's fields and VAT totals, numbering, credit notes, who may download,
and the e-mail with the PDF after dispatch."""

import io
from decimal import Decimal

import pytest
from django.contrib.auth.models import Group
from django.utils import formats, timezone, translation
from pypdf import PdfReader

from commerce.invoices import pdf
from commerce.invoices.issuing import issue_credit_note
from commerce.invoices.sending import email_invoice
from commerce.order import shipments
from commerce.order.guest_links import order_token
from home.staff_groups import EDITORS, ORDER_MANAGERS, ensure_staff_groups
from tests.commerce.fulfilment_support import invoice_mails, mixed_vat_products, paid_order
from tests.factories import PartnerFactory, ProductClassFactory, ProductFactory, UserFactory

pytestmark = pytest.mark.django_db


def ship_everything(order):
    return shipments.dispatch(order, [(line, line.quantity) for line in order.lines.order_by("pk")])[1]


def pdf_text(content: bytes) -> str:
    """The PDF's text with table cells and spaces (incl. the non-breaking one in € 1,00) as single spaces."""
    return " ".join(" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(content)).pages)


def year():
    return timezone.localdate().year


@pytest.mark.rule("N3")
def test_n3_pdf_shows_every_field_with_vat_per_rate(shop):
    lamp, chocolate = mixed_vat_products()
    invoice = ship_everything(paid_order([(lamp, 2), (chocolate, 1)]))

    text = pdf_text(pdf.render(invoice.snapshot))

    with translation.override("nl"):
        invoice_date = formats.date_format(invoice.issued_on, "j F Y")
    expected = [
        "Factuur",
        f"Factuurnummer {year()}-00001",
        f"Factuurdatum {invoice_date}",
        # the shop (tests/commerce/conftest.py), then the customer (the delivery address)
        "Winkelier Utrecht Oudegracht 99 3511 AB Utrecht",
        "KvK-nummer: 12345678",
        "Btw-nummer: NL862301234B01",
        "Sanne de Vries Oudegracht 12 3511 AB Utrecht Nederland",
        # per line: description, quantity, price excl. VAT, VAT rate, total excl. VAT
        "Bureaulamp 2 € 10,00 21% € 20,00",
        "Chocoladereep 1 € 5,00 9% € 5,00",
        # delivery € 4,95 at the goods' highest rate (21 %): € 4,09 + € 0,86 VAT
        "1 € 4,09 21% € 4,09",
        "Totaal excl. btw € 29,09",
        "Btw 21% over € 24,09 € 5,06",
        "Btw 9% over € 5,00 € 0,45",
        "Totaal incl. btw € 34,60",
    ]
    missing = [field for field in expected if field not in text]
    assert not missing, f"missing {missing} in:\n{text}"
    assert invoice.snapshot["total_incl_tax"] == str(invoice.order.total_incl_tax) == "34.60"


@pytest.mark.rule("N3", "N1")
def test_n3_english_order_gets_an_english_invoice(shop):
    lamp, _chocolate = mixed_vat_products()
    invoice = ship_everything(paid_order([(lamp, 5)], language="en"))

    text = pdf_text(pdf.render(invoice.snapshot))

    for field in ["Invoice", "Invoice number", "VAT number: NL862301234B01", "Chamber of Commerce"]:
        assert field in text, text
    # € 60,50 of goods: free standard delivery, so one line and one rate.
    assert "Total incl. VAT €60.50" in text
    assert "Verzendkosten" not in text
    assert "Delivery" not in text


@pytest.mark.rule("N3")
def test_n3_issued_invoice_never_changes(shop):
    lamp, _chocolate = mixed_vat_products()
    invoice = ship_everything(paid_order([(lamp, 1)]))
    before = pdf_text(pdf.render(invoice.snapshot))

    shop.street_address = "Nieuwegracht 1"
    shop.save()
    lamp.title = "Andere naam"
    lamp.save()
    invoice.refresh_from_db()

    assert pdf_text(pdf.render(invoice.snapshot)) == before


@pytest.mark.rule("N3")
def test_n3_numbers_run_on_per_year_and_credit_notes_have_their_own_series(shop):
    lamp, chocolate = mixed_vat_products()
    first = ship_everything(paid_order([(lamp, 1)]))
    second = ship_everything(paid_order([(chocolate, 2)]))
    assert (first.number, second.number) == (f"{year()}-00001", f"{year()}-00002")

    credit = issue_credit_note(second, {0: 1})  # one of the two chocolate bars comes back

    assert credit.number == f"C{year()}-00001"
    assert credit.credits == second
    assert credit.snapshot["total_incl_tax"] == "-5.45"
    assert credit.snapshot["vat"] == [{"rate": "9.00", "net": "-5.00", "vat": "-0.45"}]
    text = pdf_text(pdf.render(credit.snapshot))
    assert "Creditnota" in text
    assert f"Crediteert factuur {second.number}" in text
    with pytest.raises(ValueError, match="line 0: cannot credit 3 of 2"):
        issue_credit_note(second, {0: 3})


@pytest.fixture
def invoiced_customer_order(shop):
    customer = UserFactory(email="klant@example.test")
    lamp, _chocolate = mixed_vat_products()
    order = paid_order([(lamp, 1)], user=customer)
    return customer, ship_everything(order)


def test_the_customer_downloads_their_invoice_and_strangers_get_404(client, invoiced_customer_order):
    customer, invoice = invoiced_customer_order
    url = invoice.get_absolute_url()

    assert client.get(url).status_code == 404  # not logged in
    client.force_login(UserFactory(email="iemand@example.test"))
    assert client.get(url).status_code == 404
    client.force_login(UserFactory(groups=[EDITORS]))  # staff, but not for orders
    assert client.get(url).status_code == 404

    client.force_login(customer)
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert invoice.number in pdf_text(response.content)


def test_a_guest_downloads_with_the_signed_order_link(client, shop):
    lamp, _chocolate = mixed_vat_products()
    invoice = ship_everything(paid_order([(lamp, 1)]))
    url = invoice.get_absolute_url()
    other_order = paid_order([(lamp, 1)])

    assert client.get(url, {"t": order_token(invoice.order)}).status_code == 200
    assert client.get(url, {"t": order_token(other_order)}).status_code == 404
    assert client.get(url, {"t": "vervalst"}).status_code == 404
    assert client.get(url).status_code == 404


def test_order_staff_download_from_the_dashboard_order_page(client, invoiced_customer_order):
    _customer, invoice = invoiced_customer_order
    ensure_staff_groups()
    manager = UserFactory(email="orders@winkelier.test")
    manager.groups.add(Group.objects.get(name=ORDER_MANAGERS))
    PartnerFactory().users.add(manager)
    client.force_login(manager)

    page = client.get(f"/dashboard/orders/{invoice.order.number}/").content.decode()
    assert f'href="{invoice.get_absolute_url()}"' in page

    response = client.get(invoice.get_absolute_url())
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"


@pytest.mark.rule("N3")
def test_dispatch_emails_the_invoice_pdf_after_commit(shop, django_capture_on_commit_callbacks):
    lamp, chocolate = mixed_vat_products()
    order = paid_order([(lamp, 2), (chocolate, 1)], email="gast@example.test")

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        invoice = ship_everything(order)
    assert invoice_mails() == []  # nothing leaves before the dispatch is committed
    for callback in callbacks:
        callback()

    (message,) = invoice_mails()
    assert message.to == ["gast@example.test"]
    assert invoice.number in message.subject
    assert order.number in message.subject
    (filename, content, mimetype) = message.attachments[0]
    assert (filename, mimetype) == (f"factuur-{invoice.number}.pdf", "application/pdf")
    assert "Totaal incl. btw € 34,60" in pdf_text(content)
    # The guest's download link carries the signed token.
    assert f"{invoice.get_absolute_url()}?t={order_token(order)}" in message.body
    assert order.communication_events.filter(event_type__code="INVOICE").count() == 1
    invoice.refresh_from_db()
    assert invoice.emailed_at is not None

    # A retried task sends nothing twice.

    email_invoice(invoice.pk)
    assert len(invoice_mails()) == 1
    assert Decimal(invoice.snapshot["total_incl_tax"]) == order.total_incl_tax


@pytest.mark.rule("N3")
def test_n3_a_services_only_order_is_invoiced_when_placed(shop, django_capture_on_commit_callbacks):
    backup = ProductFactory(
        title="Cloudback-up 1 jaar", price=Decimal("60.50"), product_class=ProductClassFactory(service=True)
    )
    with django_capture_on_commit_callbacks(execute=True):
        order = paid_order([(backup, 1)], shipping_method="")

    (invoice,) = order.invoices.all()
    assert invoice.shipping_event is None
    assert [line["description"] for line in invoice.snapshot["lines"]] == ["Cloudback-up 1 jaar"]
    (message,) = invoice_mails()
    assert "Totaal incl. btw € 60,50" in pdf_text(message.attachments[0][1])


@pytest.mark.rule("N3")
def test_n3_service_lines_of_a_mixed_order_are_on_its_first_invoice(shop):
    lamp, _chocolate = mixed_vat_products()
    backup = ProductFactory(
        title="Cloudback-up 1 jaar", price=Decimal("60.50"), product_class=ProductClassFactory(service=True)
    )
    order = paid_order([(lamp, 2), (backup, 1)])
    assert order.invoices.count() == 0  # something ships: invoiced on dispatch, not at placement

    lamp_line = order.lines.get(product=lamp)
    first = shipments.dispatch(order, [(lamp_line, 1)])[1]
    second = shipments.dispatch(order, [(lamp_line, 1)])[1]

    assert [line["description"] for line in first.snapshot["lines"]] == ["Bureaulamp", "Cloudback-up 1 jaar"]
    assert [line["description"] for line in second.snapshot["lines"]] == ["Bureaulamp"]
    order.refresh_from_db()
    assert order.status == "Verzonden"
