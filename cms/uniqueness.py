"""Is the shop's own product text its own? (domain.md S5) — plain functions, no Django.

Texts are compared as sets of word 5-shingles (every run of five consecutive words):

- ``containment(own, supplier)``: the share of the own text's shingles that also occur in the
  supplier's text. 1.0 = every five-word run of our text was copied; 0.0 = none was.
- ``jaccard(a, b)``: |A ∩ B| / |A ∪ B| of the two shingle sets, computed exactly.
- ``near_duplicate_pairs(docs)``: every pair of documents with Jaccard ≥ 0.8, found with
  datasketch's MinHash LSH and re-checked with the exact Jaccard, so the result holds no
  false positives and (with the banding below) practically no false negatives.

Normalisation: HTML tags are dropped (rich text), entities unescaped, the text NFKC-normalised
and case-folded, and split into Unicode words (letters and digits; punctuation and the
underscore separate words). A text of fewer than five words has one shingle, the whole word
sequence: identical short texts are identical, but a short text is never "contained" in a
longer one. A text without words has no shingles: containment 0.0 and Jaccard 0.0 with
anything, so empty pages are neither copied nor each other's duplicates.
"""

from __future__ import annotations

import functools
import hashlib
import html
import itertools
import re
import unicodedata
from collections.abc import Hashable, Iterable
from dataclasses import dataclass

import numpy as np

SHINGLE_SIZE = 5
NEAR_DUPLICATE_THRESHOLD = 0.8
COPIED_THRESHOLD = 0.5

# MinHash LSH parameters. num_perm=128 permutations, used as 25 bands of 5 rows (125 of the
# 128 hash values). The LSH only proposes candidates; every candidate is re-checked with the
# exact Jaccard, so false positives cost a set intersection while a false negative is a
# duplicate we never report. We therefore band for recall at the 0.8 threshold instead of
# letting datasketch balance both errors (its default for threshold=0.8, 128 perms is
# b=9, r=13, which proposes a pair with Jaccard exactly 0.8 only 40 % of the time).
# P(candidate | J=s) = 1 - (1 - s**5)**25:
#   s=0.8: 0.99995   s=0.9: >0.999999   s=0.5: 0.55   s=0.3: 0.059   s=0.2: 0.008
# Unrelated product texts (J below 0.2) almost never become candidates, so the exact
# re-check stays cheap; 128 permutations keep one signature at 1 KB and hashing fast.
NUM_PERM = 128
LSH_BANDS, LSH_ROWS = 25, 5

# Block-level tags separate words; inline tags (<b>, <a>, ...) do not: <b>Thermos</b>fles.
_BLOCK_TAG = re.compile(
    r"<\s*/?\s*(?:p|div|br|hr|h[1-6]|li|ul|ol|blockquote|pre|table|tr|td|th|figure|embed|img)\b[^>]*>",
    re.IGNORECASE,
)
_TAG = re.compile(r"<[^>]*>")
_WORD = re.compile(r"[^\W_]+")


def plain_text(text: str | None) -> str:
    """Rich text → plain text: block tags become spaces (<p>a</p><p>b</p> stays two words)."""
    if not text:
        return ""
    return html.unescape(_TAG.sub("", _BLOCK_TAG.sub(" ", text)))


def words(text: str | None) -> list[str]:
    """The normalised words of a (rich) text."""
    normalised = unicodedata.normalize("NFKC", plain_text(text)).casefold()
    return _WORD.findall(normalised)


def shingles(text: str | None, size: int = SHINGLE_SIZE) -> set[str]:
    """The set of word `size`-shingles; a shorter text is one shingle, an empty text none."""
    tokens = words(text)
    if not tokens:
        return set()
    if len(tokens) < size:
        return {" ".join(tokens)}
    return {" ".join(tokens[i : i + size]) for i in range(len(tokens) - size + 1)}


def containment(own: str | None, supplier: str | None) -> float:
    """Share of the own text's shingles that occur in the supplier text, in [0, 1]."""
    return containment_of_hashes(shingle_hashes(own), shingle_hashes(supplier))


def jaccard(a: str | None, b: str | None) -> float:
    """Exact Jaccard similarity of two texts' shingle sets, in [0, 1]."""
    return jaccard_of_hashes(shingle_hashes(a), shingle_hashes(b))


def is_copied(score: float) -> bool:
    return score >= COPIED_THRESHOLD


@dataclass(frozen=True, order=True)
class NearDuplicate:
    a: Hashable
    b: Hashable
    similarity: float


@functools.lru_cache(maxsize=1 << 18)
def _word_hash(word: str) -> int:
    return int.from_bytes(hashlib.blake2b(word.encode(), digest_size=8).digest(), "little")


# Odd 64-bit multipliers, one per position in a shingle, and one for a short text's length.
_POSITION_MULTIPLIERS = (
    0x9E3779B97F4A7C15,
    0xC2B2AE3D27D4EB4F,
    0x165667B19E3779F9,
    0xD6E8FEB86659FD93,
    0xFF51AFD7ED558CCD,
)
_LENGTH_MULTIPLIER = 0xC4CEB9FE1A85EC53
_MULTIPLIERS = np.array(_POSITION_MULTIPLIERS, dtype=np.uint64)


def shingle_hashes(text: str | None, size: int = SHINGLE_SIZE) -> np.ndarray:
    """The text's shingles (as in `shingles`) as a sorted numpy array of unique 64-bit hashes.

    Each word is hashed once (blake2b, cached: a catalogue has a small vocabulary), and a
    shingle's hash is a fixed linear combination of its words' hashes, computed for all
    shingles at once with numpy (uint64 arithmetic wraps modulo 2^64). Two different
    shingles share a hash with probability about 2^-64, so set operations on these arrays
    are exact for our purposes and cost 8 bytes a shingle instead of a Python string.
    """
    tokens = words(text)
    if not tokens:
        return np.empty(0, dtype=np.uint64)
    word_hashes = np.fromiter(map(_word_hash, tokens), dtype=np.uint64, count=len(tokens))
    multipliers = _MULTIPLIERS[:size]
    if len(tokens) < size:
        # Array arithmetic (not numpy scalars) wraps silently, as intended.
        length = np.array([_LENGTH_MULTIPLIER], dtype=np.uint64) * np.uint64(len(tokens))
        parts = np.append(word_hashes * multipliers[: len(tokens)], length)
        return parts.sum(dtype=np.uint64, keepdims=True)
    count = len(tokens) - size + 1
    combined = np.zeros(count, dtype=np.uint64)
    for position in range(size):
        combined += word_hashes[position : position + count] * multipliers[position]
    return np.unique(combined)


def _shared(a: np.ndarray, b: np.ndarray) -> int:
    """|A ∩ B| of two sorted arrays of unique hashes (binary search of a's items in b)."""
    if not len(a) or not len(b):
        return 0
    positions = np.searchsorted(b, a)
    positions[positions == len(b)] = 0
    return int(np.count_nonzero(b[positions] == a))


def containment_of_hashes(own: np.ndarray, supplier: np.ndarray) -> float:
    if not len(own):
        return 0.0
    return _shared(own, supplier) / len(own)


def jaccard_of_hashes(a: np.ndarray, b: np.ndarray) -> float:
    if not len(a) or not len(b):
        return 0.0
    intersection = _shared(a, b)
    return intersection / (len(a) + len(b) - intersection)


class NearDuplicateIndex:
    """Collects documents, then finds every pair with exact Jaccard ≥ threshold.

    ``add`` computes the document's MinHash and inserts it into datasketch's MinHashLSH
    (the MinHash itself is not kept: the LSH stores only its band hashes); ``pairs()`` then
    walks the LSH buckets once for candidate pairs and re-checks each with the exact
    Jaccard on the stored shingle hashes (8 bytes a shingle).
    """

    def __init__(self, threshold: float = NEAR_DUPLICATE_THRESHOLD):
        # Not a cycle: datasketch loads scipy (+0.5 s, +48 MB per process). The admin hooks
        # reach this module in every web worker; only an audit builds an index.
        from datasketch import MinHash, MinHashLSH  # noqa: PLC0415 - deferred: costly import, see above

        self.threshold = threshold
        self._lsh = MinHashLSH(num_perm=NUM_PERM, params=(LSH_BANDS, LSH_ROWS))
        # One MinHash, cleared for every document (the LSH copies what it needs on insert).
        self._minhash = MinHash(num_perm=NUM_PERM, hashfunc=int)
        self._hashes: dict[Hashable, np.ndarray] = {}
        self.candidates_checked = 0

    def add(self, key: Hashable, text: str | None = None, hashes: np.ndarray | None = None) -> None:
        """Add a document: its text, or its `shingle_hashes` if already computed."""
        if key in self._hashes:
            raise ValueError(f"duplicate key {key!r}")
        if hashes is None:
            hashes = shingle_hashes(text)
        if not len(hashes):
            return
        minhash = self._minhash
        minhash.clear()
        # MinHash's default scheme takes 32-bit input hashes: the low half of ours.
        minhash.update_batch((hashes & np.uint64(0xFFFFFFFF)).tolist())
        self._lsh.insert(key, minhash, check_duplication=False)
        self._hashes[key] = hashes

    def candidate_pairs(self) -> set[tuple[Hashable, Hashable]]:
        """Pairs of keys sharing at least one LSH band bucket, (smaller, larger)."""
        candidates: set[tuple[Hashable, Hashable]] = set()
        for table in self._lsh.hashtables:
            for bucket in table.keys():  # noqa: SIM118 - a datasketch storage, not a dict
                members = table.get(bucket)
                if len(members) > 1:
                    candidates.update(itertools.combinations(sorted(members, key=_sort_key), 2))
        return candidates

    def pairs(self) -> list[NearDuplicate]:
        """Every pair with exact Jaccard ≥ threshold, sorted by key."""
        found = []
        candidates = self.candidate_pairs()
        self.candidates_checked = len(candidates)
        for a, b in candidates:
            similarity = jaccard_of_hashes(self._hashes[a], self._hashes[b])
            if similarity >= self.threshold:
                found.append(NearDuplicate(a, b, similarity))
        return sorted(found, key=lambda pair: (_sort_key(pair.a), _sort_key(pair.b)))


def _sort_key(key: Hashable) -> tuple[str, Hashable]:
    return (str(type(key)), key)


def near_duplicate_pairs(
    docs: Iterable[tuple[Hashable, str | None]], threshold: float = NEAR_DUPLICATE_THRESHOLD
) -> list[NearDuplicate]:
    """All pairs of (key, text) documents whose exact shingle Jaccard is ≥ threshold.

    Pairs are (smaller key, larger key, similarity), sorted by key.
    """
    index = NearDuplicateIndex(threshold)
    for key, text in docs:
        index.add(key, text)
    return index.pairs()


def near_duplicates_by_key(pairs: Iterable[NearDuplicate]) -> dict[Hashable, list[Hashable]]:
    """{key: sorted keys of its near-duplicates} for every key in at least one pair."""
    result: dict[Hashable, set] = {}
    for pair in pairs:
        result.setdefault(pair.a, set()).add(pair.b)
        result.setdefault(pair.b, set()).add(pair.a)
    return {key: sorted(others, key=_sort_key) for key, others in result.items()}
