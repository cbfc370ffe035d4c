"""A NUL character in the address or a cookie is answered 400 with a message, before the
session or any view looks it up (issue 9): PostgreSQL refuses NUL in text, so a lookup with it
(the session from a forged cookie, an invoice number, a PaymentIntent id) was a 500 there.
tests/test_public_inputs_postgres.py shows those on PostgreSQL."""

import pytest

pytestmark = pytest.mark.django_db

MESSAGE_NL = "Dit adres of een cookie bevat een NUL-teken; dat kunnen we niet lezen."


@pytest.mark.parametrize(
    "url",
    [
        "/facturen/%00.pdf",
        "/checkout/paid/?payment_intent=%00",
        "/zoeken/?q=%00",
        "/zoeken/?%00=1",
        "/producten/%00/",
        "/admin/%00/",
    ],
)
def test_nul_in_the_address_is_a_bad_request_with_a_message(client, home, url):
    response = client.get(url)
    assert response.status_code == 400
    assert MESSAGE_NL in response.content.decode()
    assert response["Content-Type"] == "text/plain; charset=utf-8"


@pytest.mark.parametrize("cookie", ["sessionid", "csrftoken", "oscar_open_basket"])
def test_nul_in_a_cookie_is_a_bad_request(client, home, cookie):
    client.cookies[cookie] = "\x00" * 40
    response = client.post("/basket/", {})
    assert response.status_code == 400
    assert "wis de cookies van deze site" in response.content.decode()


def test_the_message_is_in_the_shoppers_language(client, home):
    client.cookies.load({"django_language": "en"})
    response = client.get("/zoeken/?q=%00")
    assert response.status_code == 400
    assert "contains a NUL character" in response.content.decode()


def test_requests_without_nul_are_served_as_before(client, home):
    assert client.get("/zoeken/", {"q": "eiken\x01hout %00"}).status_code == 200
    assert client.get("/").status_code == 200
