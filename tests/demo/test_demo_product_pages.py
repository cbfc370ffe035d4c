"""The demo's product pages: the "Varianten" specification names each variant by what sets it
apart (issue 14: the whole titles, which hold commas themselves, ran together)."""

from demo.product_pages import variant_names


def test_variants_are_named_by_what_sets_them_apart():
    assert variant_names(["Leren riem, zwart", "Leren riem, bruin"]) == "zwart · bruin"
    assert (
        variant_names(["Cloudbackup voor thuis, 1 TB, 1 jaar", "Cloudbackup voor thuis, 250 GB, 1 jaar"])
        == "1 TB, 1 jaar · 250 GB, 1 jaar"
    )


def test_variants_without_a_shared_beginning_keep_their_whole_titles():
    assert variant_names(["Rood", "Blauw"]) == "Rood · Blauw"
    assert variant_names(["Jeans Slim Fit, maat 32"]) == "Jeans Slim Fit, maat 32"
