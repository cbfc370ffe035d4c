"""The printable model withdrawal form (W12) that the order confirmation links to (W5)."""

import re

import pytest

pytestmark = [pytest.mark.django_db, pytest.mark.rule("W12")]

URL = "/herroepen/modelformulier/"


def form_text(response):
    """The form itself (the <article>), tags removed, whitespace collapsed."""
    article = re.search(r'<article class="withdrawal-form">(.*?)</article>', response.content.decode(), re.S)
    return " ".join(re.sub(r"<[^>]+>", " ", article.group(1)).split())


def test_w12_every_field_of_the_model_form_is_there_with_the_shop_filled_in(client, shop):
    response = client.get(URL)
    assert response.status_code == 200
    text = form_text(response)
    assert "Aan: Winkelier Utrecht Oudegracht 99 3511 AB Utrecht E-mail: hallo@winkelier.test" in text
    assert "de overeenkomst herroep/herroepen (*) over de verkoop van de volgende goederen" in text
    assert "de levering van de volgende dienst" in text
    for field in (
        "Besteld op (*) / ontvangen op (*):",
        "Naam/namen consument(en):",
        "Adres(sen) consument(en):",
        "Handtekening consument(en) (alleen als u dit formulier op papier instuurt):",
        "Datum:",
    ):
        assert field in text
    # Every field is an empty line to write on, by hand (paper).
    assert response.content.decode().count('class="withdrawal-form__blank') == 6


def test_w12_the_page_prints_the_form_alone(client, shop):
    html = client.get(URL).content.decode()
    # The print styles are a static file (the CSP allows no inline styles), the print button
    # is wired up by static/js/storefront.js (nor inline handlers).
    [stylesheet] = re.findall(r'<link rel="stylesheet" href="([^"]*withdrawal-form[^"]*\.css)"', html)
    css = b"".join(client.get(stylesheet).streaming_content).decode()
    print_css = css[css.index("@media print") :]
    assert "body > header" in print_css
    assert "body > footer" in print_css
    assert ".no-print" in print_css
    assert '<button type="button" class="btn btn-secondary" data-action="print">' in html


@pytest.mark.rule("N1")
def test_n1_english_model_form(client, shop):
    client.post("/i18n/setlang/", {"language": "en", "next": URL})
    text = form_text(client.get(URL))
    assert "To: Winkelier Utrecht Oudegracht 99 3511 AB Utrecht" in text
    assert "withdraw from my/our (*) contract for the sale of the following goods" in text
    assert "Name(s) of consumer(s):" in text
    assert "Signature of consumer(s)" in text
    assert "Date:" in text
