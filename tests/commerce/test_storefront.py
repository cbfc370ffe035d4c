"""The storefront as a shopper meets it, through Django's test client (N1, N2, W13).

Dutch by default whatever the browser asks, English via the switcher; prices as
`€ 1.234,56` with "incl. btw"; the withdrawal exception before purchase; one base layout.
"""

import re
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext
from django.views.defaults import server_error
from wagtail.models import Site

from tests.factories import (
    CategoryFactory,
    ParentProductFactory,
    ProductClassFactory,
    ProductFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def text_of(response):
    """The page as text with non-breaking spaces as spaces (babel puts one after the €)."""
    return response.content.decode().replace("\xa0", " ").replace("&nbsp;", " ")


def html_lang(response):
    return re.search(r'<html lang="([^"]+)"', response.content.decode()).group(1)


@pytest.fixture
def shop():
    audio = CategoryFactory(name="Audio")
    everyday = ProductClassFactory(name="Elektronica")
    speaker = ProductFactory(
        title="Luidspreker Aria", price=Decimal("1234.56"), product_class=everyday, categories=[audio]
    )
    sweets = CategoryFactory(name="Lekkers")
    chocolates = ProductFactory(
        title="Bonbons van de week",
        price=Decimal("14.50"),
        product_class=ProductClassFactory(perishable=True),
        categories=[sweets],
    )
    backup = ParentProductFactory(
        title="Cloud-back-up",
        product_class=ProductClassFactory(service=True),
        categories=[CategoryFactory(name="Diensten")],
        children=[("100 GB", "4.99"), ("1 TB", "9.99")],
    )
    return {"audio": audio, "speaker": speaker, "chocolates": chocolates, "backup": backup}


@pytest.mark.rule("N1")
def test_n1_dutch_by_default_even_when_the_browser_asks_for_english(client, shop):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9")

    assert response.status_code == 200
    assert html_lang(response) == "nl"
    page = text_of(response)
    assert "Winkelmand" in page
    assert "Direct naar de inhoud" in page  # the skip link
    assert "Alle prijzen zijn inclusief btw." in page


@pytest.mark.rule("N1")
def test_n1_language_switcher_turns_the_storefront_english(client, shop):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/basket/"})
    assert response.status_code == 302
    assert response["Location"] == "/basket/"

    response = client.get(shop["speaker"].get_absolute_url())

    assert html_lang(response) == "en"
    page = text_of(response)
    assert "Basket" in page
    assert "Winkelmand" not in page
    assert "incl. VAT" in page
    assert "incl. btw" not in page
    assert "Skip to content" in page
    assert "All prices include VAT." in page

    client.post("/i18n/setlang/", {"language": "nl", "next": "/"})
    assert html_lang(client.get("/")) == "nl"


@pytest.mark.rule("N2")
def test_n2_product_page_shows_dutch_price_incl_btw(client, shop):
    response = client.get(shop["speaker"].get_absolute_url())

    assert response.status_code == 200
    page = text_of(response)
    assert re.search(r"€ 1\.234,56</span>\s*<small class=\"vat-note\">incl\. btw</small>", page)
    assert "€ 214,26" in page  # the 21 % VAT in it, shown as "waarvan btw (21%)"
    assert "waarvan btw (21%)" in page


@pytest.mark.rule("N2")
def test_n2_listing_cards_show_price_incl_btw(client, shop):
    response = client.get(shop["audio"].get_absolute_url())

    assert response.status_code == 200
    page = text_of(response)
    card = re.search(r'<article class="product-card">.*?</article>', page, re.S).group(0)
    assert shop["speaker"].get_absolute_url() in card
    assert "€ 1.234,56" in card
    assert "incl. btw" in card


@pytest.mark.rule("W13")
def test_w13_perishable_product_says_there_is_no_right_of_withdrawal(client, shop):
    response = client.get(shop["chocolates"].get_absolute_url())

    page = text_of(response)
    notice = re.search(r'<aside class="withdrawal-exception".*?</aside>', page, re.S)
    assert notice, "the W13 notice is missing on a perishable product"
    assert 'data-exception="d"' in notice.group(0)
    assert "bederfelijk" in notice.group(0)
    assert "geen herroepingsrecht" in notice.group(0)
    assert 'href="/retourbeleid/"' in notice.group(0)  # the whole policy, a click away
    # Before purchase: the notice comes before the add-to-basket form.
    assert page.index("withdrawal-exception") < page.index('id="add_to_basket_form"')


@pytest.mark.rule("W13")
def test_w13_sealed_software_is_returnable_while_the_seal_is_intact(client):
    software = ProductFactory(title="Fotobewerker", product_class=ProductClassFactory(sealed_software=True))

    page = text_of(client.get(software.get_absolute_url()))

    assert "zolang de verzegeling intact is" in page


@pytest.mark.rule("W13")
def test_w13_everyday_product_shows_no_exception(client, shop):
    page = text_of(client.get(shop["speaker"].get_absolute_url()))
    main = page[page.index("<main") : page.index("</main>")]  # the footer links the withdrawal page

    assert "withdrawal-exception" not in main
    assert "herroep" not in main


@pytest.mark.rule("N2")
def test_parent_product_offers_its_variants_with_prices_and_adds_the_chosen_one(client, shop):
    backup = shop["backup"]
    page = text_of(client.get(backup.get_absolute_url()))

    assert 'name="child_id"' in page
    assert "100 GB – € 4,99 incl. btw" in page
    assert "1 TB – € 9,99 incl. btw" in page

    one_tb = backup.children.get(title="1 TB")
    response = client.post(
        reverse("basket:add", kwargs={"pk": backup.pk}), {"child_id": one_tb.pk, "quantity": 1}
    )
    assert response.status_code == 302
    basket = text_of(client.get(reverse("basket:summary")))
    assert "1 TB" in basket
    assert "€ 9,99" in basket


@pytest.mark.rule("N2")
def test_n2_basket_shows_total_incl_btw_in_dutch_format(client, shop):
    response = client.post(reverse("basket:add", kwargs={"pk": shop["speaker"].pk}), {"quantity": 2})
    assert response.status_code == 302

    response = client.get(reverse("basket:summary"))

    assert response.status_code == 200
    page = text_of(response)
    assert "Luidspreker Aria" in page
    line_total = re.search(r"basket-line__total.*?</p>", page, re.S).group(0)
    assert "€ 2.469,12" in line_total
    assert "incl. btw" in line_total
    order_total = re.search(r'<tr class="order-total">.*?</tr>', page, re.S).group(0)
    assert "€ 2.469,12" in order_total
    assert "incl. btw" in order_total
    # The header's basket shows the count and the total too.
    assert re.search(r'class="site-basket__count"[^>]*>2<', page)


def test_category_page_lists_the_product_linking_to_its_detail_page(client, shop):
    response = client.get(shop["audio"].get_absolute_url())

    assert response.status_code == 200
    page = text_of(response)
    assert "<h1>Audio</h1>" in page
    assert f'href="{shop["speaker"].get_absolute_url()}"' in page
    assert "Bonbons van de week" not in page  # another category's product
    assert client.get(shop["speaker"].get_absolute_url()).status_code == 200


def test_home_page_shows_the_newest_products_with_variants_only_through_their_parent(client, shop):
    newest = ProductFactory(title="Koptelefoon Nova", price=Decimal("89.00"), categories=[shop["audio"]])

    response = client.get("/")

    assert response.status_code == 200
    page = text_of(response)
    assert "Nieuw in de winkel" in page
    cards = re.findall(r'<article class="product-card">.*?</article>', page, re.S)
    assert len(cards) == 4  # speaker, chocolates, the backup parent, the newest; no variant
    assert f'href="{newest.get_absolute_url()}"' in cards[0]


def test_search_finds_a_product_by_a_word_of_its_title(client, shop):
    page = text_of(client.get("/search/", {"q": "luidspreker"}))

    assert f'href="{shop["speaker"].get_absolute_url()}"' in page
    assert "Bonbons" not in page


@pytest.mark.parametrize(
    "url",
    ["/", "/catalogue/", "/basket/", "/accounts/login/", "/search/?q=aria"],
)
def test_storefront_pages_share_the_one_base_layout(client, shop, url):
    response = client.get(url)

    assert response.status_code == 200
    page = text_of(response)
    assert page.count('<header class="site-header">') == 1
    assert page.count('<footer class="site-footer">') == 1
    assert '<a class="skip-link" href="#main">' in page
    assert 'action="/i18n/setlang/"' in page
    # Everything is served by the site itself: no CDN, no external fonts, no analytics.
    # Absolute URLs (canonical, og:url) may only name the shop itself; wa.me is a contact link.
    own_hosts = {"testserver", Site.objects.get(is_default_site=True).hostname, "wa.me"}
    hosts = set(re.findall(r'(?:src|href)="(?:https?:)?//([^/":]+)', page))
    assert hosts <= own_hosts, hosts - own_hosts
    assert "googletagmanager" not in page
    assert "google-analytics" not in page


def test_checkout_start_is_on_the_base_layout_with_labelled_fields(client, shop):
    client.post(reverse("basket:add", kwargs={"pk": shop["speaker"].pk}), {"quantity": 1})

    response = client.get(reverse("checkout:index"))

    assert response.status_code == 200
    page = text_of(response)
    assert '<footer class="site-footer">' in page
    assert "Wie bent u?" in page
    for field_id in ("id_username", "id_password"):
        assert f'for="{field_id}"' in page, f"{field_id} has no label"


@pytest.mark.parametrize(
    "url",
    [
        "/accounts/profile/",
        "/accounts/profile/edit/",
        "/accounts/change-password/",
        "/accounts/orders/",
        "/accounts/addresses/",
        "/accounts/addresses/add/",
    ],
)
@pytest.mark.rule("S4")
def test_account_pages_are_on_the_base_layout_with_labelled_fields_and_noindex(client, url):
    client.force_login(UserFactory())

    response = client.get(url)

    assert response.status_code == 200
    page = text_of(response)
    assert page.count('<footer class="site-footer">') == 1
    assert '<meta name="robots" content="noindex' in page
    for field_id in re.findall(r'<(?:input|select|textarea)[^>]*\bid="([^"]+)"', page):
        if field_id in ("site-search-q", "site-nav-toggle"):
            continue
        assert f'for="{field_id}"' in page, f"{field_id} on {url} has no label"


def test_password_reset_is_on_the_base_layout_with_a_labelled_field(client):
    page = text_of(client.get("/password-reset/"))

    assert page.count('<footer class="site-footer">') == 1
    assert 'for="id_email"' in page


def test_server_error_page_renders_without_a_request_context(rf):
    response = server_error(rf.get("/"))

    assert response.status_code == 500
    page = response.content.decode()
    assert "Er ging iets mis" in page
    assert "Uw winkelmand is bewaard." in page


# Query counts of a warm anonymous request, measured at 14 (home), 16 (category) and 18
# (product: Oscar's detail view also counts the view, reviews and recommendations).
# Eight products in the category instead of three must not change them: no N+1 per card.
@pytest.mark.parametrize(
    ("name", "max_queries"),
    [("home", 14), ("category", 16), ("product", 18)],
)
def test_query_counts_stay_bounded(client, shop, django_assert_max_num_queries, name, max_queries):
    for _ in range(5):  # more products must not mean more queries
        ProductFactory(price=Decimal("9.95"), categories=[shop["audio"]])
    url = {
        "home": "/",
        "category": shop["audio"].get_absolute_url(),
        "product": shop["speaker"].get_absolute_url(),
    }[name]
    client.get(url)

    with django_assert_max_num_queries(max_queries):
        response = client.get(url)
    assert response.status_code == 200


@pytest.mark.rule("N1")
def test_n1_the_checkout_says_terug_naar_je_winkelmand_not_oscars_typo():
    # Oscar's Dutch has "terug naar winkemand" on the address step; the shop's .po overrides it.
    with translation.override("nl"):
        assert gettext("return to basket") == "terug naar je winkelmand"
