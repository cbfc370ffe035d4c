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

# A line's status once its goods came back after a withdrawal (the returns flow sets it): such a
# line is no longer a purchase, e.g. for "vaak samen gekocht".
LINE_RETURNED = "Geretourneerd"
