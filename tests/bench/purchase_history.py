"""A generated purchase history at shop scale, as numpy arrays (no database), for the
recommendations benchmark.

The default shape is issue 10's: 5,000 products as a shopper sees them, 500 of them parents
with 2-5 variants (a line holds a variant or a standalone product, never a parent) and
2,000,000 order lines in orders of 1-8 lines, most orders small. Structure the computation
should find: popularity skewed (a few best sellers in many baskets), and 600 clusters of
3-10 products that go together, which about half of the orders follow; a customer returns to
a favourite cluster. 150,000 customers, a quarter of the orders by guests, orders spread over
540 days; 2% of the orders are cancelled and 3% of the lines returned, which the computation
must leave out.
"""

from dataclasses import dataclass

import numpy as np

LINES_PER_ORDER = np.arange(1, 9)
LINES_PER_ORDER_SHARE = np.array([0.32, 0.24, 0.16, 0.11, 0.07, 0.05, 0.03, 0.02])
QUANTITIES = np.array([1, 2, 3])
QUANTITY_SHARE = np.array([0.9, 0.08, 0.02])


@dataclass(frozen=True)
class Shape:
    products: int = 5_000
    parents: int = 500
    variants: tuple[int, int] = (2, 5)
    lines: int = 2_000_000
    customers: int = 150_000
    guest_share: float = 0.25
    clusters: int = 600
    cluster_size: tuple[int, int] = (3, 10)
    cluster_order_share: float = 0.5  # orders that follow a cluster
    favourite_share: float = 0.6  # of those by a customer: their favourite cluster
    cluster_line_share: float = 0.75  # lines of such an order taken from the cluster
    days: int = 540
    cancelled_share: float = 0.02
    returned_share: float = 0.03


@dataclass(frozen=True)
class History:
    """Products 0..P-1 (parents first); items are what a line holds: the standalone products
    and the variants, item ``i`` being product ``item_product[i]``."""

    shape: Shape
    is_parent: np.ndarray  # per product
    cluster_members: np.ndarray  # products, cluster after cluster (see clusters())
    cluster_bounds: np.ndarray
    item_product: np.ndarray  # per item: its product (a variant: its parent)
    item_price: np.ndarray  # per item, euros
    order_customer: np.ndarray  # per order: customer index, -1 for a guest
    order_seconds: np.ndarray  # per order: seconds after the history's start, ascending
    order_cancelled: np.ndarray
    line_order: np.ndarray  # per line: its order index, ascending
    line_item: np.ndarray
    line_quantity: np.ndarray
    line_returned: np.ndarray

    @property
    def orders(self) -> int:
        return len(self.order_customer)

    def clusters(self):
        """The products of each cluster, one array per cluster."""
        bounds = self.cluster_bounds
        return (self.cluster_members[a:b] for a, b in zip(bounds[:-1], bounds[1:], strict=True))


def items_of(shape: Shape, rng) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(is_parent per product, first item per product, items per product)."""
    is_parent = np.arange(shape.products) < shape.parents
    low, high = shape.variants
    count = np.where(is_parent, rng.integers(low, high + 1, shape.products), 1)
    first = np.concatenate(([0], np.cumsum(count)[:-1]))
    return is_parent, first, count


def order_sizes(shape: Shape, rng) -> np.ndarray:
    """Lines per order, summing to exactly ``shape.lines`` (the last order cut short)."""
    expected = int(shape.lines / (LINES_PER_ORDER * LINES_PER_ORDER_SHARE).sum() * 1.1) + 8
    sizes = rng.choice(LINES_PER_ORDER, expected, p=LINES_PER_ORDER_SHARE)
    total = np.cumsum(sizes)
    orders = int(np.searchsorted(total, shape.lines)) + 1
    sizes = sizes[:orders]
    sizes[-1] -= total[orders - 1] - shape.lines
    return sizes


def zipf(count: int, exponent: float, offset: float, rng) -> np.ndarray:
    """Shares of ``count`` things, skewed, in a random order."""
    weights = 1.0 / (np.arange(count) + offset) ** exponent
    return rng.permutation(weights / weights.sum())


def order_clusters(shape: Shape, customer: np.ndarray, rng) -> np.ndarray:
    """Per order, the cluster it follows or -1."""
    favourite = rng.integers(0, shape.clusters, shape.customers)
    random_cluster = rng.integers(0, shape.clusters, len(customer))
    use_favourite = (customer >= 0) & (rng.random(len(customer)) < shape.favourite_share)
    cluster = np.where(use_favourite, favourite[np.maximum(customer, 0)], random_cluster)
    return np.where(rng.random(len(customer)) < shape.cluster_order_share, cluster, -1)


def cluster_bounds(shape: Shape, rng) -> np.ndarray:
    """Cluster c's members are members[bounds[c]:bounds[c + 1]]."""
    low, high = shape.cluster_size
    return np.concatenate(([0], np.cumsum(rng.integers(low, high + 1, shape.clusters))))


def line_products(shape: Shape, cluster: np.ndarray, members: np.ndarray, bounds: np.ndarray, rng):
    """Per line of an order following ``cluster`` (-1: none), the product bought."""
    popularity = zipf(shape.products, 1.0, 20, rng)
    size = np.diff(bounds)
    from_cluster = (cluster >= 0) & (rng.random(len(cluster)) < shape.cluster_line_share)
    some = np.maximum(cluster, 0)  # a line of no cluster takes a popular product below
    picked = members[bounds[some] + (rng.random(len(cluster)) * size[some]).astype(np.int64)]
    by_popularity = rng.choice(shape.products, len(cluster), p=popularity)
    return np.where(from_cluster, picked, by_popularity)


def generate(shape: Shape = Shape(), seed: int = 10) -> History:
    rng = np.random.default_rng(seed)
    is_parent, first_item, item_count = items_of(shape, rng)
    sizes = order_sizes(shape, rng)
    orders = len(sizes)
    customer = rng.choice(shape.customers, orders, p=zipf(shape.customers, 0.7, 5, rng))
    customer[rng.random(orders) < shape.guest_share] = -1
    line_order = np.repeat(np.arange(orders), sizes)
    bounds = cluster_bounds(shape, rng)
    members = rng.integers(0, shape.products, bounds[-1])
    cluster = order_clusters(shape, customer, rng)[line_order]
    product = line_products(shape, cluster, members, bounds, rng)
    variant = (rng.random(len(product)) * item_count[product]).astype(np.int64)
    lines = len(line_order)
    return History(
        shape=shape,
        is_parent=is_parent,
        cluster_members=members,
        cluster_bounds=bounds,
        item_product=np.repeat(np.arange(shape.products), item_count),
        item_price=np.round(np.exp(rng.normal(3.0, 0.9, item_count.sum())), 2).clip(1.95, 950),
        order_customer=customer,
        order_seconds=np.sort(rng.integers(0, shape.days * 86_400, orders)),
        order_cancelled=rng.random(orders) < shape.cancelled_share,
        line_order=line_order,
        line_item=first_item[product] + variant,
        line_quantity=rng.choice(QUANTITIES, lines, p=QUANTITY_SHARE),
        line_returned=rng.random(lines) < shape.returned_share,
    )
