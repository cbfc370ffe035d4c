"""The card's message: merge fields with fallbacks that still read well (A3), per language (A4)."""

import pytest

from aftersales.messages import MergeValues, merge, unknown_fields

KNOWN = MergeValues(
    first_name="Anouk",
    product="Mok met eigen naam",
    order_number="100042",
    staff_first_name="Pieter",
    shop_name="Winkelier",
)


@pytest.mark.rule("A3")
def test_a3_merge_fields_are_filled_in_from_the_order():
    text = merge(
        "{aanhef}, dank voor {product} ({bestelnummer}). Groet, {medewerker} van {winkel}", KNOWN, "nl"
    )

    assert text == "Beste Anouk, dank voor Mok met eigen naam (100042). Groet, Pieter van Winkelier"


@pytest.mark.rule("A3")
def test_a3_unknown_values_fall_back_to_words_that_still_read_well():
    text = merge("{aanhef}, {voornaam}: {product} — {medewerker}", MergeValues(shop_name="Winkelier"), "nl")

    assert text == "Beste klant, klant: je bestelling — het team van Winkelier"


@pytest.mark.rule("A4")
def test_a4_the_fallbacks_follow_the_customers_language():
    text = merge("{aanhef}, {product}", MergeValues(), "en")

    assert text == "Dear customer, your order"


@pytest.mark.rule("A3")
def test_a3_a_misspelt_field_is_named_and_left_as_written():
    assert unknown_fields("{aanhef} {voornam} {prodcut} {voornam}") == ["voornam", "prodcut"]
    assert merge("{voornam}", KNOWN, "nl") == "{voornam}"
