"""S5: how much of our own text is the supplier's, and which texts are near-duplicates.

Plain functions on hand-made Dutch texts; no database, no web layer.
"""

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from cms.uniqueness import (
    NearDuplicateIndex,
    containment,
    jaccard,
    near_duplicate_pairs,
    near_duplicates_by_key,
    shingle_hashes,
    shingles,
    words,
)

pytestmark = pytest.mark.rule("S5")

SUPPLIER = (
    "Deze robuuste thermosfles van roestvrij staal houdt dranken twaalf uur warm en "
    "vierentwintig uur koud. De dubbelwandige isolatie voorkomt condens aan de buitenkant. "
    "Inhoud 750 ml, lekvrije schroefdop, vaatwasserbestendig en vrij van BPA."
)
OWN_REWORDED = (
    "Koffie mee naar je werk en om vier uur nog steeds heet? Met deze fles lukt dat. Wij "
    "namen hem een week mee op de fiets: geen druppel gelekt, en de buitenkant bleef droog."
)
# The first two sentences of the supplier text, word for word, then two of our own.
HALF_COPIED = (
    "Deze robuuste thermosfles van roestvrij staal houdt dranken twaalf uur warm en "
    "vierentwintig uur koud. Wij namen hem een week mee op de fiets en er lekte geen druppel "
    "uit, ook niet in de volle rugzak."
)


def test_words_strip_html_entities_case_and_punctuation():
    assert words("<p>Dé <b>Thermos</b>fles&nbsp;is   GOED, toch?</p><p>Ja_zeker</p>") == [
        "dé",
        "thermosfles",
        "is",
        "goed",
        "toch",
        "ja",
        "zeker",
    ]


def test_paragraphs_do_not_glue_words_together():
    assert words("<p>eind</p><p>begin</p>") == ["eind", "begin"]


def test_five_word_shingles():
    assert shingles("een twee drie vier vijf zes") == {"een twee drie vier vijf", "twee drie vier vijf zes"}


def test_identical_text_is_fully_contained_and_its_own_duplicate():
    assert containment(SUPPLIER, SUPPLIER) == 1.0
    assert jaccard(SUPPLIER, SUPPLIER) == 1.0


def test_fully_copied_text_with_markup_and_other_capitals_still_counts_as_copied():
    copied = "<p>" + SUPPLIER.upper().replace(". ", ".</p><p>") + "</p>"
    assert containment(copied, SUPPLIER) == 1.0


def test_copied_text_inside_a_longer_supplier_text():
    # Our text is one sentence the supplier also wrote (among more): all of ours is copied.
    own = "De dubbelwandige isolatie voorkomt condens aan de buitenkant."
    assert containment(own, SUPPLIER) == 1.0
    # ... but the two texts are far from duplicates of each other.
    assert jaccard(own, SUPPLIER) < 0.3


def test_half_copied_text():
    score = containment(HALF_COPIED, SUPPLIER)
    # 13 copied words give 9 copied shingles of the 31 in our text (+4 straddling the seam).
    own_shingles = shingles(HALF_COPIED)
    copied = own_shingles & shingles(SUPPLIER)
    assert score == pytest.approx(len(copied) / len(own_shingles))
    assert 0.25 < score < 0.5


def test_lightly_edited_copy_is_over_the_warning_line():
    edited = SUPPLIER.replace("robuuste", "stevige").replace("Inhoud 750 ml", "Inhoud driekwart liter")
    assert containment(edited, SUPPLIER) >= 0.5


def test_reworded_text_shares_nothing():
    assert containment(OWN_REWORDED, SUPPLIER) == 0.0
    assert jaccard(OWN_REWORDED, SUPPLIER) == 0.0


def test_short_texts_under_five_words():
    # One shingle: the whole text. Identical short texts are duplicates ...
    assert shingles("Zwarte mok, 300 ml") == {"zwarte mok 300 ml"}
    assert jaccard("Zwarte mok, 300 ml", "zwarte MOK 300 ml!") == 1.0
    assert containment("Zwarte mok, 300 ml", "Zwarte mok, 300 ml") == 1.0
    # ... but a short text is too short to be called copied out of a longer one.
    assert containment("Zwarte mok", "Een zwarte mok van steengoed, 300 ml.") == 0.0
    assert jaccard("Zwarte mok", "Witte mok") == 0.0


def test_empty_texts_are_neither_copied_nor_duplicates():
    assert containment("", SUPPLIER) == 0.0
    assert containment("<p></p>", "<p></p>") == 0.0
    assert jaccard(None, None) == 0.0
    assert near_duplicate_pairs([(1, ""), (2, ""), (3, "<p> </p>")]) == []


def test_jaccard_counts_shared_shingles_over_all_shingles():
    a = "een twee drie vier vijf zes"  # 2 shingles
    b = "een twee drie vier vijf zeven"  # 2 shingles, 1 shared
    assert jaccard(a, b) == pytest.approx(1 / 3)


def test_hashes_match_the_shingle_sets():
    for text in (SUPPLIER, HALF_COPIED, "twee woorden", ""):
        assert len(shingle_hashes(text)) == len(shingles(text))


PRODUCT_TEXT = (
    "Deze wollen sokken houden je voeten warm op koude dagen. Ze zijn gebreid van "
    "merinowol uit Uruguay, met een versterkte hiel en teen zodat ze jaren meegaan. "
    "Wassen kan gewoon in de machine op dertig graden, binnenstebuiten en zonder wasverzachter. "
    "Verkrijgbaar in antraciet, bordeauxrood en mosgroen, in de maten 36 tot en met 46."
)


def test_near_duplicates_found_and_unrelated_texts_left_alone():
    near_copy = PRODUCT_TEXT.replace("mosgroen", "okergeel")  # one word changed
    docs = [
        (1, PRODUCT_TEXT),
        (2, SUPPLIER),
        (3, near_copy),
        (4, OWN_REWORDED),
        (5, HALF_COPIED),
    ]
    pairs = near_duplicate_pairs(docs)
    assert [(pair.a, pair.b) for pair in pairs] == [(1, 3)]
    assert pairs[0].similarity == pytest.approx(jaccard(PRODUCT_TEXT, near_copy))
    assert pairs[0].similarity >= 0.8
    assert near_duplicates_by_key(pairs) == {1: [3], 3: [1]}
    # SUPPLIER and HALF_COPIED share a whole sentence but stay under 0.8.
    assert jaccard(SUPPLIER, HALF_COPIED) < 0.8


def test_just_under_the_threshold_is_not_a_near_duplicate():
    sentence = " ".join(f"woord{i}" for i in range(40))  # 36 shingles
    # Changing word 20 breaks 5 shingles: 31 shared of 41 → 0.756
    other = sentence.replace("woord20", "anders")
    assert jaccard(sentence, other) == pytest.approx(31 / 41)
    assert near_duplicate_pairs([("a", sentence), ("b", other)]) == []


def test_index_reports_each_pair_once_and_refuses_a_key_twice():
    index = NearDuplicateIndex()
    for key in (3, 1, 2):
        index.add(key, PRODUCT_TEXT)
    assert [(p.a, p.b, p.similarity) for p in index.pairs()] == [(1, 2, 1.0), (1, 3, 1.0), (2, 3, 1.0)]
    with pytest.raises(ValueError, match="duplicate key 1"):
        index.add(1, "iets anders")


def test_lsh_finds_every_pair_at_the_threshold():
    """Recall: 60 pairs with Jaccard just at or above 0.8 must all be found (banding 25x5)."""
    base_words = [f"w{i}" for i in range(200)]
    docs, expected = [], set()
    for n in range(60):
        original = [f"{word}x{n}" for word in base_words]  # disjoint vocabulary per pair
        edited = list(original)
        # Change 4 scattered words: 20 of 196 shingles broken → J = 176/216 ≈ 0.815
        for position in (30, 80, 130, 180):
            edited[position] = f"anders{n}"
        docs += [(2 * n, " ".join(original)), (2 * n + 1, " ".join(edited))]
        expected.add((2 * n, 2 * n + 1))
        assert jaccard(" ".join(original), " ".join(edited)) >= 0.8
    assert {(pair.a, pair.b) for pair in near_duplicate_pairs(docs)} == expected


dutch_words = st.sampled_from(
    ["de", "het", "een", "fiets", "koffie", "warm", "mok", "sokken", "wol", "en", "van", "is", "groen"]
)
texts = st.lists(dutch_words, max_size=30).map(" ".join)


@settings(max_examples=150, deadline=None)
@given(texts, texts)
def test_containment_is_a_share(own, supplier):
    assert 0.0 <= containment(own, supplier) <= 1.0


@settings(max_examples=150, deadline=None)
@given(texts, texts)
def test_jaccard_is_symmetric_and_bounded(a, b):
    assert jaccard(a, b) == jaccard(b, a)
    assert 0.0 <= jaccard(a, b) <= 1.0


@settings(max_examples=150, deadline=None)
@given(texts)
def test_a_text_against_itself(text):
    assume(words(text))
    assert jaccard(text, text) == 1.0
    assert containment(text, text) == 1.0


@settings(max_examples=100, deadline=None)
@given(texts, texts)
def test_jaccard_never_exceeds_containment(a, b):
    # |A∩B|/|A∪B| ≤ |A∩B|/|A|
    assert jaccard(a, b) <= containment(a, b) + 1e-12
