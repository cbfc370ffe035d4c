"""Dutch VAT (domain.md N2): prices include VAT, VAT per line rounded to cents with Decimal."""

from decimal import Decimal as D

import pytest
from hypothesis import given
from hypothesis import strategies as st

from commerce.partner.vat import line_amounts, rate_for_class, share, split_gross, totals_by_rate

pytestmark = pytest.mark.rule("N2")


@pytest.mark.parametrize(
    ("gross", "rate", "net", "vat"),
    [
        (D("121.00"), D("21"), D("100.00"), D("21.00")),
        (D("29.95"), D("21"), D("24.75"), D("5.20")),  # 5.1979.. rounds up
        (D("10.90"), D("9"), D("10.00"), D("0.90")),
        (D("4.99"), D("9"), D("4.58"), D("0.41")),  # 0.4120.. rounds down
        (D("249.00"), D("0"), D("249.00"), D("0.00")),
        (D("0.01"), D("21"), D("0.01"), D("0.00")),
    ],
)
def test_n2_split_gross_per_rate(gross, rate, net, vat):
    assert split_gross(gross, rate) == (net, vat)


def test_n2_half_cent_rounds_half_up():
    # 0.605 * 21/121 ... pick an amount whose VAT is exactly x.xx5: 1.21 * 21/121 = 0.21, so use
    # gross where gross*21/121 = 0.105 -> gross = 0.605 (not a price, but proves the rounding mode).
    assert split_gross(D("0.605"), D("21"))[1] == D("0.11")


def test_n2_line_vat_is_rounded_once_on_the_line_total():
    # Per unit: 1.99 -> VAT 0.35 (0.3454); times 7 = 2.45. On the line: 13.93 -> 2.42 (2.4176).
    gross, net, vat = line_amounts(D("1.99"), 7, D("21"))
    assert (gross, net, vat) == (D("13.93"), D("11.51"), D("2.42"))


def test_n2_mixed_basket_totals_per_rate():
    lines = [(D("29.95"), D("21")), (D("59.90"), D("21")), (D("12.50"), D("9")), (D("249.00"), D("0"))]
    totals = totals_by_rate(lines)
    assert list(totals) == [D("21"), D("9"), D("0")]
    assert totals[D("21")] == {"gross": D("89.85"), "net": D("74.25"), "vat": D("15.60")}
    assert totals[D("9")] == {"gross": D("12.50"), "net": D("11.47"), "vat": D("1.03")}
    assert totals[D("0")] == {"gross": D("249.00"), "net": D("249.00"), "vat": D("0.00")}
    assert sum(t["gross"] for t in totals.values()) == sum(gross for gross, _rate in lines)


def test_n2_rates_come_from_settings(settings):
    assert [rate_for_class(c) for c in ("standard", "reduced", "zero")] == [D("21"), D("9"), D("0")]
    settings.WINKELIER_VAT_RATES = {**settings.WINKELIER_VAT_RATES, "reduced": D("6")}
    assert rate_for_class("reduced") == D("6")


@given(
    cents=st.integers(min_value=1, max_value=10_000_000),
    rate=st.sampled_from([D("21"), D("9"), D("0")]),
)
def test_n2_net_plus_vat_is_always_the_gross_to_the_cent(cents, rate):
    gross = D(cents) / 100
    net, vat = split_gross(gross, rate)
    assert net + vat == gross
    assert vat == vat.quantize(D("0.01"))
    assert abs(vat - gross * rate / (100 + rate)) <= D("0.005")


def test_a_share_of_a_line_is_rounded_half_up_to_cents():
    assert share(D("10.00"), 1, 3) == D("3.33")
    assert share(D("0.05"), 1, 2) == D("0.03")
    assert share(D("59.00"), 2, 2) == D("59.00")
