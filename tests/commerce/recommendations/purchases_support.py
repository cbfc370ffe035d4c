"""Hand-made purchase histories for the scoring and evaluation tests."""

import numpy as np

from commerce.recommendations.scoring import Purchases


def purchases_from_rows(rows) -> Purchases:
    """From (order, customer, product, day) tuples; a guest's customer is -1 (or None)."""
    array = np.array([[o, -1 if c is None else c, p, d] for o, c, p, d in rows], dtype=np.int64)
    array = array.reshape(-1, 4)
    return Purchases(array[:, 0], array[:, 1], array[:, 2], array[:, 3])
