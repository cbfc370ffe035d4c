"""The demo shop (`manage.py load_demo_shop`, issue 2 item 5).

The shop is loaded once for all of tests/demo (twice, to prove idempotency) by the `demo_shop`
fixture in tests/demo/conftest.py, inside a transaction that is rolled back afterwards, so other
test packages never see demo data.
"""

import re
from collections import Counter, defaultdict
from datetime import timedelta
from decimal import Decimal
from itertools import combinations

import pytest
from django.contrib.auth import authenticate, get_user_model
from django.test import RequestFactory
from django.utils import timezone
from oscar.core.loading import get_model
from PIL import Image
from wagtail.models import Site

from cms.models import ProductPage
from commerce.partner.vat import split_gross
from demo.customers import plan_customers
from demo.orders import plan_orders
from demo.seed import ORDER_NUMBER_PREFIX
from demo.staff import DEMO_LOGINS
from home.clock import amsterdam_today
from home.models import ShopSettings

Product = get_model("catalogue", "Product")
Category = get_model("catalogue", "Category")
Order = get_model("order", "Order")
Line = get_model("order", "Line")
ShippingEvent = get_model("order", "ShippingEvent")
ShippingEventQuantity = get_model("order", "ShippingEventQuantity")
UserAddress = get_model("address", "UserAddress")
Partner = get_model("partner", "Partner")

pytestmark = pytest.mark.django_db


def demo_orders():
    return Order.objects.filter(number__startswith=ORDER_NUMBER_PREFIX)


def customers():
    staff_emails = [login.email for login in DEMO_LOGINS]
    return get_user_model().objects.exclude(email__in=staff_emails)


def is_valid_ean13(code: str) -> bool:
    if not re.fullmatch(r"\d{13}", code or ""):
        return False
    total = sum(int(digit) * (3 if position % 2 else 1) for position, digit in enumerate(code[:12]))
    return (10 - total % 10) % 10 == int(code[12])


# --- catalogue -----------------------------------------------------------------------------


def test_catalogue_has_at_least_40_products_in_6_public_categories(demo_shop):
    assert Product.objects.count() >= 40
    assert Category.objects.filter(is_public=True).count() >= 6
    standalone_or_parent = Product.objects.exclude(structure=Product.CHILD)
    assert all(product.categories.exists() for product in standalone_or_parent)


# (a word from the product's title, VAT class, withdrawal exception, stock tracked)
EXPECTED_CLASSES = [
    ("Nordphone", "standard", "", True),
    ("Jeans", "standard", "", True),
    ("Mok met eigen naam", "standard", "c", True),
    ("Schrijfwerk Kantoor", "standard", "i", True),
    ("Bonbons", "reduced", "d", True),
    ("Het polderjaar", "reduced", "", True),
    ("Cloudbackup", "standard", "a", False),
    ("Webhosting", "standard", "a", False),
    ("Zonnepaneel", "zero", "", True),
]


@pytest.mark.parametrize(("title", "vat_class", "exception", "track_stock"), EXPECTED_CLASSES)
@pytest.mark.rule("N2", "W13")
def test_product_class_carries_vat_rate_and_withdrawal_exception_n2_w13(
    demo_shop, title, vat_class, exception, track_stock
):
    product = Product.objects.exclude(structure=Product.CHILD).filter(title__startswith=title).first()
    assert product is not None, f"no demo product titled {title!r}…"
    product_class = product.get_product_class()
    assert product_class.vat_class == vat_class
    assert product_class.withdrawal_exception == exception
    assert product_class.track_stock is track_stock


def test_cloud_backup_is_one_parent_with_size_variants(demo_shop):
    parent = Product.objects.get(structure=Product.PARENT, title__startswith="Cloudbackup")
    sizes = sorted(child.title for child in parent.children.all())
    assert len(sizes) == 3
    assert any("50 GB" in title for title in sizes)
    assert any("1 TB" in title for title in sizes)
    assert not parent.stockrecords.exists()
    for child in parent.children.all():
        record = child.stockrecords.get()
        assert record.price > 0
        assert record.num_in_stock is None  # services: stock is not tracked


def test_the_variants_specification_names_each_variant_by_what_sets_it_apart(demo_shop):
    # Issue 14: the whole titles, which hold commas themselves, ran together.
    def variants(title):
        page = ProductPage.objects.get(title=title)
        return {row.value["label"]: row.value["value"] for row in page.specifications}["Varianten"]

    assert variants("Leren riem") == "zwart · bruin"
    assert variants("Cloudbackup voor thuis, 1 jaar") == "1 TB, 1 jaar · 250 GB, 1 jaar · 50 GB, 1 jaar"


def test_every_sellable_product_has_a_euro_price_incl_vat_from_the_winkelier_partner(demo_shop):
    partner = Partner.objects.get(name="Winkelier")
    for product in Product.objects.exclude(structure=Product.PARENT):
        record = product.stockrecords.get(partner=partner)
        assert record.price_currency == "EUR"
        assert record.price > 0
        assert record.price == record.price.quantize(Decimal("0.01"))


def test_every_product_has_a_valid_ean13(demo_shop):
    upcs = list(Product.objects.values_list("upc", flat=True))
    assert all(is_valid_ean13(upc) for upc in upcs), [upc for upc in upcs if not is_valid_ean13(upc)]


@pytest.mark.rule("S5")
def test_every_product_has_its_own_text_and_a_different_supplier_text_s5(demo_shop):
    descriptions = []
    for product in Product.objects.all():
        own = re.sub(r"<[^>]+>", " ", product.description).strip()
        assert own, f"{product.title} has no text of its own"
        assert product.supplier_text.strip(), f"{product.title} has no supplier text"
        assert own != product.supplier_text.strip()
        assert product.supplier_text.strip() not in own
        descriptions.append(own)
    assert len(set(descriptions)) == len(descriptions), "two products share one text"


def test_every_product_has_one_800_by_600_image(demo_shop):
    for product in Product.objects.prefetch_related("images"):
        images = list(product.images.all())
        assert len(images) == 1, product.title
        with Image.open(images[0].original.path) as image:
            assert image.size == (800, 600)


@pytest.mark.rule("S2", "S6")
def test_product_page_shows_the_generated_image(demo_shop, client):
    """The product's page (its one URL, S2) shows the demo image from the Wagtail library (S6)."""
    product = Product.objects.get(title__startswith="Nordphone 6,")
    assert product.get_absolute_url() == product.page.url
    response = client.get(product.get_absolute_url())
    assert response.status_code == 200
    page = response.content.decode()
    assert product.title in page
    image = product.page.gallery_images.get().image
    assert (image.licence_type, image.creator) == ("own", "Winkelier")
    assert image.get_rendition("max-800x600").url in page


def test_the_phones_page_recommends_its_accessories_from_the_order_history(demo_shop, client):
    """The demo load computes "vaak samen gekocht": the phone's page shows a case and the screen
    protector its buyers took along, linked with their placement."""
    product = Product.objects.get(title__startswith="Nordphone 6,")
    page = client.get(product.get_absolute_url()).content.decode()
    section = page[page.index("Vaak samen gekocht") :]

    assert "Screenprotector" in section
    assert "?aanbevolen=product" in section


# --- customers -----------------------------------------------------------------------------


def test_at_least_300_customers_with_a_dutch_default_address(demo_shop):
    assert customers().count() >= 300
    addresses = UserAddress.objects.filter(user__in=customers(), is_default_for_shipping=True)
    assert addresses.count() == customers().count()
    for address in addresses:
        assert address.country_id == "NL"
        assert re.fullmatch(r"\d{4} [A-Z]{2}", address.postcode), address.postcode
        assert address.line4
        assert address.first_name
        assert address.last_name
    assert all(
        email.rsplit(".", 1)[-1] in {"com", "net", "org", "example"}
        for email in customers().values_list("email", flat=True)
    )


# --- orders --------------------------------------------------------------------------------


def test_at_least_1500_delivered_orders_over_the_last_18_months(demo_shop):
    orders = demo_orders()
    assert orders.count() >= 1500
    assert set(orders.values_list("status", flat=True)) == {"Afgeleverd"}
    assert not orders.filter(user__isnull=True).exists()
    today = amsterdam_today()
    oldest = orders.order_by("date_placed").first().date_placed.date()
    newest = orders.order_by("-date_placed").first().date_placed.date()
    assert today - timedelta(days=560) <= oldest <= today - timedelta(days=480)
    assert today - timedelta(days=30) <= newest < today


def test_order_history_has_one_time_buyers_loyal_repeaters_and_big_business_orders(demo_shop):
    orders_per_customer = Counter(demo_orders().values_list("user_id", flat=True))
    buyers = len(orders_per_customer)
    one_time = sum(1 for count in orders_per_customer.values() if count == 1)
    loyal = sum(1 for count in orders_per_customer.values() if count >= 10)
    assert one_time >= 0.3 * buyers
    assert loyal >= 20
    assert demo_orders().filter(total_incl_tax__gte=Decimal("10000")).exists()


@pytest.mark.rule("N2")
def test_every_order_line_keeps_the_vat_rate_of_its_product_class_n2(demo_shop):
    rates = {"standard": Decimal("21"), "reduced": Decimal("9"), "zero": Decimal("0")}
    lines = Line.objects.filter(order__in=demo_orders()).select_related(
        "product__product_class", "product__parent__product_class"
    )
    assert not lines.filter(vat_rate__isnull=True).exists()
    seen = set()
    for line in lines:
        assert line.vat_rate == rates[line.product.get_product_class().vat_class]
        assert line.line_price_incl_tax == line.unit_price_incl_tax * line.quantity
        assert line.line_price_excl_tax == split_gross(line.line_price_incl_tax, line.vat_rate)[0]
        seen.add(line.vat_rate)
    assert seen == {Decimal("21"), Decimal("9"), Decimal("0")}


def test_order_totals_are_the_lines_plus_shipping(demo_shop):
    lines_by_order = defaultdict(list)
    for line in Line.objects.filter(order__in=demo_orders()):
        lines_by_order[line.order_id].append(line)
    for order in demo_orders():
        lines = lines_by_order[order.pk]
        goods = sum(line.line_price_incl_tax for line in lines)
        goods_net = sum(line.line_price_excl_tax for line in lines)
        assert order.total_incl_tax == goods + order.shipping_incl_tax
        assert order.total_excl_tax == goods_net + order.shipping_excl_tax
        if order.shipping_method == "Express":
            assert order.shipping_incl_tax == Decimal("9.95")
        elif order.shipping_method == "Standaard":
            expected = Decimal("0.00") if goods >= Decimal("50") else Decimal("4.95")
            assert order.shipping_incl_tax == expected
        else:
            assert order.shipping_incl_tax == 0


@pytest.mark.rule("W2")
def test_shipped_orders_have_dispatch_then_delivery_dates_w2(demo_shop):
    """W2 counts the window from the (last) delivery: every shipped line needs real dates.

    Orders of services only are performed, not shipped, and have no shipping events.
    """
    events = defaultdict(list)
    for event in ShippingEvent.objects.filter(order__in=demo_orders()).select_related("event_type"):
        events[event.order_id].append(event)
    quantities = defaultdict(set)
    for line_id, event_id in ShippingEventQuantity.objects.filter(event__order__in=demo_orders()).values_list(
        "line_id", "event_id"
    ):
        quantities[line_id].add(event_id)
    split_orders, now = 0, timezone.now()
    for order in demo_orders().prefetch_related(
        "lines__product__parent__product_class", "lines__product__product_class"
    ):
        shipped = [line for line in order.lines.all() if line.product.is_shipping_required]
        order_events = events[order.pk]
        if not shipped:
            assert not order_events
            continue
        dispatches = sorted(e.date_created for e in order_events if e.event_type.code == "dispatched")
        deliveries = sorted(e.date_created for e in order_events if e.event_type.code == "delivered")
        assert dispatches
        assert len(dispatches) == len(deliveries)
        # Real dates, not the moment of loading: dispatched within days, delivered days later.
        assert order.date_placed < dispatches[0] <= order.date_placed + timedelta(days=4)
        for dispatch, delivery in zip(dispatches, deliveries, strict=True):
            assert dispatch < delivery <= dispatch + timedelta(days=5)
        assert deliveries[-1] < now
        for line in shipped:
            kinds = {e.event_type.code for e in order_events if e.pk in quantities[line.pk]}
            assert kinds == {"dispatched", "delivered"}, order.number
        split_orders += len(dispatches) > 1
    assert split_orders > 0, "no order was shipped in two parcels"


def test_top_copurchase_pair_is_bought_together_at_least_5x_more_than_chance(demo_shop):
    """Lift = P(A and B) / (P(A) · P(B)) over all demo orders, for the pair in the most orders."""
    baskets = defaultdict(set)
    for order_id, product_id in Line.objects.filter(order__in=demo_orders()).values_list(
        "order_id", "product_id"
    ):
        baskets[order_id].add(product_id)
    orders = len(baskets)
    singles, pairs = Counter(), Counter()
    for basket in baskets.values():
        singles.update(basket)
        pairs.update(combinations(sorted(basket), 2))
    (first, second), together = pairs.most_common(1)[0]
    lift = (together / orders) / ((singles[first] / orders) * (singles[second] / orders))
    assert lift >= 5, f"top pair lift {lift:.2f}"


# --- staff and content ---------------------------------------------------------------------


@pytest.mark.parametrize("login", DEMO_LOGINS, ids=lambda login: login.email)
def test_demo_staff_can_log_in_with_the_printed_password(demo_shop, login):
    # The admin's login form authenticates with the request (django-axes throttles per request).
    user = authenticate(RequestFactory().post("/admin/login/"), username=login.email, password=login.password)
    assert user is not None
    if login.group:
        assert list(user.groups.values_list("name", flat=True)) == [login.group]
        assert not user.is_staff
    else:
        assert user.is_superuser
        assert user.is_staff


def test_order_manager_sees_the_winkelier_partners_orders(demo_shop):
    order_manager = next(login for login in DEMO_LOGINS if login.group == "Order managers")
    partner = Partner.objects.get(name="Winkelier")
    assert partner.users.filter(email=order_manager.email).exists()


def test_logins_option_prints_only_the_login_table(demo_shop):
    output = demo_shop.logins_output
    for login in DEMO_LOGINS:
        assert login.email in output
        assert login.password in output
    assert "Demo shop ready" not in output
    assert len(output.strip().splitlines()) == len(DEMO_LOGINS) + 2


@pytest.mark.rule("N4")
def test_home_page_information_pages_and_shop_settings_n4(demo_shop):
    site = Site.objects.get(is_default_site=True)
    home = site.root_page.specific
    assert home.hero_heading
    menu = {page.title for page in home.get_children().live().in_menu()}
    assert {"Over ons", "Klantenservice", "Verzenden en retourneren"} <= menu
    shop = ShopSettings.for_site(site)
    assert shop.legal_name == "Winkelier Demo B.V."
    assert shop.kvk_number
    assert shop.vat_number.startswith("NL")
    closing = shop.closing_periods.get(label="Kerstsluiting")
    assert (closing.starts_on.month, closing.starts_on.day) == (12, 24)
    assert (closing.ends_on.month, closing.ends_on.day) == (1, 1)
    assert closing.ends_on.year == closing.starts_on.year + 1
    assert closing.ends_on >= amsterdam_today()


# --- idempotency, determinism, progress ----------------------------------------------------


def test_second_run_leaves_every_count_the_same(demo_shop):
    changed = {
        label: (demo_shop.first[label], demo_shop.second[label])
        for label in demo_shop.first
        if demo_shop.first[label] != demo_shop.second[label]
    }
    assert changed == {}


def test_plans_are_the_same_every_time():
    first_customers, second_customers = plan_customers(), plan_customers()
    assert first_customers == second_customers
    assert plan_orders(first_customers) == plan_orders(second_customers)


def test_load_shows_progress_and_a_summary(demo_shop):
    output = demo_shop.output
    assert "orders: " in output
    assert "Customers" in output
    assert re.search(r"Demo shop ready in \d+\.\d+s", output)
    assert re.search(r"orders\s+\d{4,}", output)
    assert "beheer@winkelier.test" in output
