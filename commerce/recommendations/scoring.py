"""Item-to-item scores from purchase history: plain numpy/scipy, no database, no Django.

Input is one row per kept order line (``Purchases``): the order, the customer (-1 for a
guest), the product (a variant already folded into its parent) and the day it was bought.
Two signals count:

- **together**: the number of orders holding both products;
- **same customer**: the number of (customer, period of ``window_days``) holding both, a
  weaker signal (``same_customer_weight``) for what one customer buys over a few weeks.
  A pair bought in one order also counts as bought by that customer, so this signal only
  adds weight; guests add none.

The weights ``w = together + same_customer_weight * same_customer`` are normalised as a
cosine, ``w_ij / sqrt(w_ii * w_jj)``, so two best sellers that meet by chance in many
baskets score low; and shrunk by ``w_ij / (w_ij + shrinkage)``, so two rare products
bought together once do not top the list. Everything runs on sparse matrices: the
products × products co-occurrence is one sparse product (B^T B), never a loop over pairs.
"""

from dataclasses import dataclass

import numpy as np
from scipy import sparse


@dataclass(frozen=True)
class Purchases:
    """Parallel arrays, one element per order line."""

    order: np.ndarray
    customer: np.ndarray
    product: np.ndarray
    day: np.ndarray

    def __len__(self) -> int:
        return len(self.product)

    def select(self, mask: np.ndarray) -> "Purchases":
        return Purchases(self.order[mask], self.customer[mask], self.product[mask], self.day[mask])


@dataclass(frozen=True)
class Settings:
    same_customer_weight: float = 0.25
    window_days: int = 60
    shrinkage: float = 4.0
    top: int = 20


@dataclass(frozen=True)
class Neighbour:
    product: int
    score: float
    together: int  # orders with both products
    same_customer: int  # customer periods with both products


@dataclass(frozen=True)
class Scores:
    """Scores between the products that occur in the history (index ↔ product id)."""

    products: np.ndarray  # index → product id, sorted
    scores: sparse.csr_matrix  # float32, zero diagonal
    together: sparse.csr_matrix  # orders holding both; the diagonal is the orders holding one
    same_customer: sparse.csr_matrix

    def index_of(self, product_ids) -> np.ndarray:
        """Indexes of the given product ids that occur in the history (unknown ones dropped)."""
        ids = np.asarray(list(product_ids), dtype=np.int64)
        if not len(self.products) or not len(ids):
            return np.empty(0, dtype=np.int64)
        positions = np.clip(np.searchsorted(self.products, ids), 0, len(self.products) - 1)
        return positions[self.products[positions] == ids]

    def orders_with(self) -> np.ndarray:
        """Per product index: the number of orders holding it (its popularity)."""
        return self.together.diagonal().astype(np.int64)


def incidence(rows: np.ndarray, products: np.ndarray, n_products: int) -> sparse.csr_matrix:
    """A 0/1 matrix: group (order, or customer period) × product; a product twice in a group is 1."""
    groups, group_index = np.unique(rows, return_inverse=True)
    matrix = sparse.csr_matrix(
        (np.ones(len(products), dtype=np.float32), (group_index, products)),
        shape=(len(groups), n_products),
    )
    matrix.data[:] = 1.0  # duplicates were summed
    return matrix


def co_occurrence(matrix: sparse.csr_matrix) -> sparse.csr_matrix:
    return (matrix.T @ matrix).tocsr()


def customer_periods(purchases: Purchases, window_days: int) -> tuple[np.ndarray, np.ndarray]:
    """(period key, line index) of the lines of known customers; a key is one customer's
    ``window_days`` period."""
    known = np.flatnonzero(purchases.customer >= 0)
    period = purchases.day[known] // window_days
    key = purchases.customer[known] * (int(period.max(initial=0)) + 1) + period
    return key, known


DEFAULTS = Settings()


def score(purchases: Purchases, settings: Settings = DEFAULTS) -> Scores:
    products, product_index = np.unique(purchases.product, return_inverse=True)
    n = len(products)
    together = co_occurrence(incidence(purchases.order, product_index, n))
    key, known = customer_periods(purchases, settings.window_days)
    same_customer = co_occurrence(incidence(key, product_index[known], n))
    weights = (together + same_customer * np.float32(settings.same_customer_weight)).tocsr()
    diagonal = weights.diagonal().astype(np.float32)
    # Cosine: divide every stored (i, j) by sqrt(w_ii * w_jj), then shrink.
    rows = np.repeat(np.arange(n), np.diff(weights.indptr))
    norm = np.sqrt(diagonal[rows] * diagonal[weights.indices])
    values = weights.data / np.maximum(norm, np.float32(1e-9))
    values *= weights.data / (weights.data + np.float32(settings.shrinkage))
    values[rows == weights.indices] = 0.0
    scores = sparse.csr_matrix((values.astype(np.float32), weights.indices, weights.indptr), shape=(n, n))
    scores.eliminate_zeros()
    return Scores(products, scores, together, same_customer)


def best_first(matrix: sparse.csr_matrix) -> tuple[np.ndarray, np.ndarray]:
    """(row of every stored score, the order that sorts them by row, then score highest first,
    then column, i.e. lower product id first). One stable integer sort: a positive float32
    sorts like its bits read as an integer, so (row, score) pack into one int64 key, and equal
    scores keep the row's column order."""
    matrix.sort_indices()
    rows = np.repeat(np.arange(matrix.shape[0], dtype=np.int64), np.diff(matrix.indptr))
    lower_first = np.int64(2**31 - 1) - matrix.data.view(np.int32)  # scores are positive
    return rows, np.argsort(rows * 2**31 + lower_first, kind="stable")


def neighbours(scores: Scores, top: int) -> dict[int, list[Neighbour]]:
    """Per product id, its ``top`` best-scoring other products, best first (ties: lower id).

    One sort over all stored scores and the evidence read for all kept pairs at once: no
    Python loop or sparse slicing per product."""
    matrix = scores.scores
    rows, order = best_first(matrix)
    # Sorted by row first, row i's entries keep their place [indptr[i], indptr[i + 1]).
    rank = np.arange(len(order)) - matrix.indptr[rows[order]]
    kept = order[rank < top]
    if not len(kept):
        return {}
    row, column = rows[kept], matrix.indices[kept]
    evidence = zip(
        scores.products[row].tolist(),
        scores.products[column].tolist(),
        matrix.data[kept].tolist(),
        np.asarray(scores.together[row, column]).ravel().tolist(),
        np.asarray(scores.same_customer[row, column]).ravel().tolist(),
        strict=True,
    )
    result: dict[int, list[Neighbour]] = {}
    for product, other, value, together, same_customer in evidence:
        result.setdefault(product, []).append(Neighbour(other, value, int(together), int(same_customer)))
    return result


def popularity_ranking(scores: Scores) -> np.ndarray:
    """Product ids, most orders first (ties: lower id): the best sellers of the history."""
    counts = scores.orders_with()
    return scores.products[np.lexsort((scores.products, -counts))]


def recommend(scores: Scores, given, count: int, fallback: np.ndarray | None = None) -> list[int]:
    """Up to ``count`` product ids for a basket of ``given`` ids: the summed scores of the
    basket's products, best first; topped up from ``fallback`` (e.g. the best sellers) when
    the history knows too little. Given products are never returned."""
    given_ids = set(int(g) for g in given)
    picked: list[int] = []
    indexes = scores.index_of(given_ids)
    if len(indexes):
        summed = np.asarray(scores.scores[indexes].sum(axis=0)).ravel()
        candidates = np.flatnonzero(summed > 0)
        ranked = candidates[np.lexsort((scores.products[candidates], -summed[candidates]))]
        picked = [int(p) for p in scores.products[ranked] if int(p) not in given_ids][:count]
    if fallback is not None and len(picked) < count:
        taken = given_ids | set(picked)
        for product in fallback:
            if len(picked) >= count:
                break
            if int(product) not in taken:
                picked.append(int(product))
                taken.add(int(product))
    return picked
