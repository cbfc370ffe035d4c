"""Demo order history: delivered orders with VAT per line, shipping costs and shipping events.

Plans come from the seed alone and carry dates as "days ago", so every load has the same
orders, anchored to the day of loading. Rows are written with bulk_create in chunks; the
lines store the VAT rate (N2) and the events give the dispatch and delivery dates the
withdrawal window counts from (W2).
"""

import random
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.sites.models import Site
from oscar.core.loading import get_model

from commerce.order import shipments, statuses
from commerce.partner.vat import line_amounts, rate_for_product, split_gross
from commerce.shipping.charges import (
    EXPRESS,
    NO_SHIPPING,
    STANDARD,
    DeliveryMethod,
    delivery_vat_rate,
    refundable_delivery_cost,
)
from demo.affinity import business_basket, consumer_basket
from demo.assortment import PRODUCT_CLASSES, PRODUCTS
from demo.catalogue import PARTNER_NAME
from demo.seed import ORDER_NUMBER_PREFIX, at, rng

Product = get_model("catalogue", "Product")
Order = get_model("order", "Order")
Line = get_model("order", "Line")
ShippingAddress = get_model("order", "ShippingAddress")
ShippingEvent = get_model("order", "ShippingEvent")
ShippingEventQuantity = get_model("order", "ShippingEventQuantity")
UserAddress = get_model("address", "UserAddress")

FIRST_ORDER_NUMBER = 100_001
CHUNK_SIZE = 300


EXPRESS_SHARE = 0.12
SPLIT_SHIPMENT_SHARE = 0.08
# Shoppers order mostly in the evening; nobody in the small hours.
ORDER_HOURS = tuple(range(8, 24))
ORDER_HOUR_WEIGHTS = (2, 3, 4, 4, 5, 5, 4, 4, 4, 5, 7, 9, 10, 10, 8, 5)


@dataclass(frozen=True)
class ShipmentPlan:
    keys: tuple[str, ...]
    days_after_order: int
    transit_days: int
    delivery_hour: int
    tracking_code: str


@dataclass(frozen=True)
class OrderPlan:
    number: str
    email: str
    days_ago: int
    hour: int
    minute: int
    items: tuple[tuple[str, int], ...]
    express: bool
    shipments: tuple[ShipmentPlan, ...]

    def placed(self, today: date) -> datetime:
        return at(today - timedelta(days=self.days_ago), self.hour, self.minute)


def _shipped_keys() -> frozenset[str]:
    keys = set()
    for spec in PRODUCTS:
        if PRODUCT_CLASSES[spec.product_class].requires_shipping:
            keys.add(spec.key)
            keys.update(variant.key for variant in spec.variants)
    return frozenset(keys)


SHIPPED_KEYS = _shipped_keys()


def plan_shipments(random_: random.Random, keys: list[str], express: bool) -> tuple[ShipmentPlan, ...]:
    """One parcel, or now and then two when part of the order ships later. Services ship nothing."""
    if not keys:
        return ()
    parts = [keys]
    if len(keys) > 1 and random_.random() < SPLIT_SHIPMENT_SHARE:
        shuffled = random_.sample(keys, len(keys))
        cut = random_.randint(1, len(keys) - 1)
        parts = [shuffled[:cut], shuffled[cut:]]
    shipments, days_after_order = [], random_.randint(1, 2)
    for part in parts:
        shipments.append(
            ShipmentPlan(
                keys=tuple(part),
                days_after_order=days_after_order,
                transit_days=1 if express else random_.randint(1, 3),
                delivery_hour=random_.randint(10, 20),
                tracking_code=f"3SWNK{random_.randrange(10**9):09d}",
            )
        )
        days_after_order += random_.randint(1, 3)
    return tuple(shipments)


def plan_orders(customers) -> list[OrderPlan]:
    """Every demo order, numbered in the order they were placed."""
    random_ = rng("orders")
    plans = []
    for customer in customers:
        for days_ago in customer.order_days_ago:
            if customer.is_business:
                basket = business_basket(random_)
            else:
                basket = consumer_basket(random_, customer.favourites)
            express = not customer.is_business and random_.random() < EXPRESS_SHARE
            shipped = [key for key in basket if key in SHIPPED_KEYS]
            plans.append(
                OrderPlan(
                    number="",
                    email=customer.email,
                    days_ago=days_ago,
                    hour=random_.choices(ORDER_HOURS, weights=ORDER_HOUR_WEIGHTS)[0],
                    minute=random_.randint(0, 59),
                    items=tuple(basket.items()),
                    express=express and bool(shipped),
                    shipments=plan_shipments(random_, shipped, express),
                )
            )
    return numbered(plans)


def numbered(plans: list[OrderPlan]) -> list[OrderPlan]:
    """The plans in the order they were placed, numbered in that order."""
    in_turn = sorted(plans, key=lambda plan: (-plan.days_ago, plan.hour, plan.minute, plan.email))
    return [
        replace(plan, number=f"{ORDER_NUMBER_PREFIX}{FIRST_ORDER_NUMBER + index}")
        for index, plan in enumerate(in_turn)
    ]


@dataclass(frozen=True)
class Sellable:
    """What an order line needs to know about a product, looked up once."""

    product: Any  # Oscar's Product and StockRecord (get_model classes are not types to mypy)
    stockrecord: Any
    rate: Decimal


def sellables() -> dict[str, Sellable]:
    upc_by_key = {spec.key: spec.upc for spec in PRODUCTS}
    upc_by_key.update({variant.key: variant.upc for spec in PRODUCTS for variant in spec.variants})
    products = (
        Product.objects.filter(upc__in=upc_by_key.values())
        .select_related("product_class", "parent__product_class")
        .prefetch_related("stockrecords__partner")
        .in_bulk(field_name="upc")
    )
    result = {}
    for key, upc in upc_by_key.items():
        product = products[upc]
        if product.is_parent:
            continue
        stockrecord = next(
            record for record in product.stockrecords.all() if record.partner.name == PARTNER_NAME
        )
        result[key] = Sellable(
            product=product,
            stockrecord=stockrecord,
            rate=rate_for_product(product),
        )
    return result


def build_line(order, sellable: Sellable, quantity: int):
    unit_gross = sellable.stockrecord.price
    unit_net, _unit_vat = split_gross(unit_gross, sellable.rate)
    gross, net, _vat = line_amounts(unit_gross, quantity, sellable.rate)
    product = sellable.product
    return Line(
        order=order,
        partner=sellable.stockrecord.partner,
        partner_name=sellable.stockrecord.partner.name,
        partner_sku=sellable.stockrecord.partner_sku,
        stockrecord=sellable.stockrecord,
        product=product,
        title=product.get_title(),
        upc=product.upc,
        quantity=quantity,
        line_price_incl_tax=gross,
        line_price_excl_tax=net,
        line_price_before_discounts_incl_tax=gross,
        line_price_before_discounts_excl_tax=net,
        unit_price_incl_tax=unit_gross,
        unit_price_excl_tax=unit_net,
        tax_code=str(sellable.rate),
        vat_rate=sellable.rate,
        status=statuses.DELIVERED,
        num_allocated=quantity,
    )


def shipping_method(plan: OrderPlan) -> DeliveryMethod:
    if not plan.shipments:
        return NO_SHIPPING
    return EXPRESS if plan.express else STANDARD


def next_working_moment(moment: datetime) -> datetime:
    """Parcels are neither collected nor delivered on Sundays."""
    return moment + timedelta(days=1) if moment.weekday() == 6 else moment


@dataclass
class OrderRows:
    """The unsaved rows of one order, linked to each other as Python objects."""

    order: object
    address: object | None
    lines: dict[str, object]
    # (unsaved event, when it happened, the lines it covers)
    events: list[tuple[Any, datetime, list[Any]]]


class OrderBuilder:
    def __init__(self, today: date):
        self.today = today
        self.catalogue = sellables()
        self.site = Site.objects.get_current()
        self.dispatched = shipments.event_type(shipments.DISPATCHED)
        self.delivered = shipments.event_type(shipments.DELIVERED)

    def build(self, plan: OrderPlan, user, user_address) -> OrderRows:
        placed = plan.placed(self.today)
        method = shipping_method(plan)
        address = None
        if plan.shipments:
            address = ShippingAddress()
            user_address.populate_alternative_model(address)
        order = Order(
            number=plan.number,
            site=self.site,
            user=user,
            currency="EUR",
            shipping_address=address,
            shipping_method=method.name,
            shipping_code=method.code,
            status=statuses.DELIVERED,
            date_placed=placed,
        )
        lines = {key: build_line(order, self.catalogue[key], quantity) for key, quantity in plan.items}
        self.set_totals(order, method, list(lines.values()))
        events = []
        for shipment in plan.shipments:
            shipped_lines = [lines[key] for key in shipment.keys]
            events.extend(self.shipment_events(order, placed, shipment, shipped_lines))
        return OrderRows(order=order, address=address, lines=lines, events=events)

    def set_totals(self, order, method: DeliveryMethod, lines):
        goods_gross = sum((line.line_price_incl_tax for line in lines), Decimal("0.00"))
        goods_net = sum((line.line_price_excl_tax for line in lines), Decimal("0.00"))
        shipped = [line for line in lines if line.product.is_shipping_required]
        shipping_gross = method.charge_for(goods_gross) if shipped else Decimal("0.00")
        shipping_rate = delivery_vat_rate(line.vat_rate for line in shipped)
        shipping_net, _vat = split_gross(shipping_gross, shipping_rate)
        order.shipping_incl_tax = shipping_gross
        order.refundable_shipping_incl_tax = refundable_delivery_cost(shipping_gross, goods_gross)
        order.shipping_excl_tax = shipping_net
        order.shipping_tax_code = str(shipping_rate)
        order.total_incl_tax = goods_gross + shipping_gross
        order.total_excl_tax = goods_net + shipping_net

    def shipment_events(self, order, placed: datetime, shipment: ShipmentPlan, lines):
        dispatched_on = placed.date() + timedelta(days=shipment.days_after_order)
        dispatched_at = next_working_moment(at(dispatched_on, 17, 30))
        delivered_on = dispatched_at.date() + timedelta(days=shipment.transit_days)
        delivered_at = next_working_moment(at(delivered_on, shipment.delivery_hour))
        dispatch = ShippingEvent(
            order=order,
            event_type=self.dispatched,
            notes=f"Track & trace: {shipment.tracking_code}",
            tracking_code=shipment.tracking_code,
            delivered_on=delivered_at.date(),
        )
        delivery = ShippingEvent(order=order, event_type=self.delivered, notes="")
        return [(dispatch, dispatched_at, lines), (delivery, delivered_at, lines)]


def save_chunk(rows: list[OrderRows]) -> dict[str, int]:
    addresses = [row.address for row in rows if row.address is not None]
    ShippingAddress.objects.bulk_create(addresses)
    Order.objects.bulk_create([row.order for row in rows])
    lines = [line for row in rows for line in row.lines.values()]
    Line.objects.bulk_create(lines)
    events = [event for row in rows for event, _moment, _lines in row.events]
    ShippingEvent.objects.bulk_create(events)
    # date_created is auto_now_add, so bulk_create stamps "now": write the real dates after.
    for row in rows:
        for event, moment, _lines in row.events:
            event.date_created = moment
    ShippingEvent.objects.bulk_update(events, ["date_created"], batch_size=500)
    quantities = [
        ShippingEventQuantity(event=event, line=line, quantity=line.quantity)
        for row in rows
        for event, _moment, event_lines in row.events
        for line in event_lines
    ]
    ShippingEventQuantity.objects.bulk_create(quantities)
    return {"orders": len(rows), "lines": len(lines), "shipping events": len(events)}


def load_orders(plans: list[OrderPlan], today: date, progress) -> dict[str, int]:
    demo_orders = Order.objects.filter(number__startswith=ORDER_NUMBER_PREFIX)
    existing = set(demo_orders.values_list("number", flat=True))
    todo = [plan for plan in plans if plan.number not in existing]
    created = {"orders": 0, "lines": 0, "shipping events": 0}
    if not todo:
        progress.count(len(plans), len(plans), "orders")
        return created
    builder = OrderBuilder(today)
    emails = {plan.email for plan in todo}
    users = get_user_model().objects.filter(email__in=emails).in_bulk(field_name="email")
    addresses = {
        address.user_id: address
        for address in UserAddress.objects.filter(user__in=users.values(), is_default_for_shipping=True)
    }
    for start in range(0, len(todo), CHUNK_SIZE):
        rows = []
        for plan in todo[start : start + CHUNK_SIZE]:
            user = users[plan.email]
            rows.append(builder.build(plan, user, addresses[user.pk]))
        for name, count in save_chunk(rows).items():
            created[name] += count
        progress.count(len(existing) + start + len(rows), len(plans), "orders")
    return created
