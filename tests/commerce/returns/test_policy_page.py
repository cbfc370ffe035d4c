"""The returns policy page /retourbeleid/ (issue 11 item 8): generated from the shop's settings
and the product classes in use, linked from the footer, the product pages with an exception and
the order confirmation e-mail (tests/commerce/test_order_emails.py checks the e-mail's link)."""

import json
import re
from decimal import Decimal

import pytest
from django.urls import reverse

from commerce.catalogue.withdrawal_exceptions import WithdrawalException
from home.models import ReturnShippingPaidBy
from tests.factories import ProductClassFactory, ProductFactory

pytestmark = pytest.mark.django_db

URL = "/retourbeleid/"


def policy_text(client) -> str:
    """The policy as a reader sees it: the article's text, tags and extra spaces gone."""
    response = client.get(URL)
    assert response.status_code == 200
    page = response.content.decode().replace("\xa0", " ")
    article = re.search(r'<article class="returns-policy">.*?</article>', page, re.S).group(0)
    return " ".join(re.sub(r"<[^>]+>", " ", article).split())


def exception_labels(client) -> list[str]:
    page = client.get(URL).content.decode()
    return re.findall(r'<dt data-exception="(\w)">', page)


@pytest.mark.rule("W1", "W2", "W8", "W11", "W14")
def test_the_default_policy_with_the_w2_example(client, shop):
    text = policy_text(client)

    assert "Je mag je aankoop binnen 14 dagen herroepen. Je hoeft daarvoor geen reden te geven." in text
    assert "de dag na ontvangst van het laatste pakket" in text
    assert "Voorbeeld: komt je pakket op 1 april, dan kun je herroepen tot en met 15 april." in text
    assert "Overeenkomst hier herroepen" in text
    assert "modelformulier voor herroeping" in text
    assert (
        "per e-mail aan hallo@winkelier.test of per post aan Winkelier Utrecht, Oudegracht 99, 3511 AB"
        in text
    )
    assert "Je betaalt alleen de directe kosten van het terugsturen." in text
    assert "Binnen 14 dagen na je melding betalen we alles terug" in text
    assert "binnen 4 werkdagen nadat je pakket bij ons binnen is" in text
    assert "standaardverzendkosten terug" in text
    assert "Voor al onze producten geldt de gewone bedenktijd." in text  # no exception class in use
    assert "ophalen" not in text  # the shop does not offer pick-up


@pytest.mark.rule("W1", "W2", "W11", "W16")
def test_the_page_follows_a_longer_window_free_returns_and_pickup(client, shop):
    shop.return_window_days = 30
    shop.return_shipping_paid_by = ReturnShippingPaidBy.SHOP
    shop.offers_pickup = True
    shop.save()

    text = policy_text(client)

    assert "binnen 30 dagen herroepen" in text
    assert "tot en met 1 mei" in text  # delivered 1 April, 30 days from 2 April
    assert "Terugsturen kost je niets: wij betalen de retourzending." in text
    assert "op een werkdag bij je ophalen" in text
    # The legal periods stay 14 days whatever the window.
    assert "Daarna heb je nog 14 dagen om de artikelen terug te sturen." in text


@pytest.mark.rule("W11")
def test_the_customers_return_cost_is_named_when_the_shop_set_it(client, shop):
    shop.return_shipping_cost = Decimal("6.95")
    shop.save()
    assert "Reken voor het terugsturen op ongeveer € 6,95." in policy_text(client)


@pytest.mark.rule("W13")
def test_each_exception_in_use_is_explained_with_its_product_classes(client, shop):
    chocolates = ProductClassFactory(perishable=True)
    ProductFactory(product_class=chocolates)
    ProductClassFactory(sealed_software=True)  # no products: not in use, not on the page
    assert exception_labels(client) == ["d"]

    services = ProductClassFactory(
        service=True, name="Installatie aan huis", withdrawal_exception=WithdrawalException.SERVICE_PERFORMED
    )
    ProductFactory(product_class=services)
    text = policy_text(client)

    assert exception_labels(client) == ["a", "d"]
    assert "Bij ons geldt dit voor: Bederfelijke cadeaus." in text
    assert "Dit is bederfelijk: je hebt geen herroepingsrecht" in text
    assert "Bij ons geldt dit voor: Installatie aan huis." in text
    # Without the consent asked at checkout a service keeps the normal window.
    assert "Zonder die toestemming heb je gewoon 14 dagen bedenktijd." in text
    assert "Bestel je alleen een dienst, dan begint de bedenktijd op de dag na je bestelling." in text
    assert "verzegeling" not in text


@pytest.mark.rule("S1", "S3")
def test_the_page_has_its_own_title_description_and_breadcrumb(client, shop):
    page = client.get(URL).content.decode()

    title = re.search(r"<title>(.*?)</title>", page).group(1)
    description = re.search(r'<meta name="description" content="(.*?)">', page).group(1)
    assert title == "Retourbeleid: herroepen en terugsturen"
    assert 50 <= len(description) <= 160
    assert "14 dagen bedenktijd" in description
    assert re.search(r'<link rel="canonical" href="http://[^"/]+/retourbeleid/">', page)
    [breadcrumbs] = [
        json.loads(block)
        for block in re.findall(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)
        if '"BreadcrumbList"' in block
    ]
    assert [item["name"] for item in breadcrumbs["itemListElement"]] == ["Home", "Retourbeleid"]
    assert page.count('<footer class="site-footer">') == 1  # the storefront base layout


def test_the_footer_of_every_page_links_the_policy(client, shop):
    for url in ["/", "/basket/", URL]:
        footer = client.get(url).content.decode().split('<footer class="site-footer">')[1]
        assert f'<a href="{URL}">Retourbeleid</a>' in footer, url


def test_the_policy_page_answers_only_get(client):
    assert client.post(URL).status_code == 405
    assert reverse("returns-policy") == URL
