"""The order statuses, as staff and customers see them, and the moves between them.

Oscar stores an order's status as its display text; settings build Oscar's pipeline from
``PIPELINE``, and the code compares against these constants, never against a literal.
"""

NEW = "Nieuw"
PAID = "Betaald"
SHIPPED = "Verzonden"
DELIVERED = "Afgeleverd"
CANCELLED = "Geannuleerd"

# Placed and paid → dispatched (all parcels) → delivered (all parcels arrived).
PIPELINE = {
    NEW: (PAID, CANCELLED),
    PAID: (SHIPPED, CANCELLED),
    SHIPPED: (DELIVERED,),
    DELIVERED: (),
    CANCELLED: (),
}
