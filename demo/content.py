"""Site content for the demo: the home page's welcome, the information pages in the menu,
the shop's company and contact details, and the Christmas closing (N4).

Information pages that already exist are left alone; the home page welcome and the shop
settings are set to the demo values on every load.
"""

from dataclasses import dataclass
from datetime import date

from wagtail.models import Site

from cms.models import ContentPage
from home.models import ClosingPeriod, ShopSettings

HERO_HEADING = "Goede spullen, eerlijk verkocht"
HERO_TEXT = (
    "<p>Bij Winkelier vind je dingen die lang meegaan, met eerlijke uitleg erbij. Bestel je "
    "vóór 22.00 uur, dan gaat je pakket de volgende werkdag op weg. Van gedachten veranderd? "
    "Terugsturen is makkelijk, en je geld staat snel weer op je rekening.</p>"
)
HOME_SEARCH_DESCRIPTION = (
    "Winkelier: telefoons, kleding, boeken, chocolade en online diensten, met eerlijk advies en "
    "makkelijk retourneren."
)

SHOP_DETAILS = {
    "legal_name": "Winkelier Demo B.V.",
    "street_address": "Winkelierskade 12",
    "postcode": "3511 AB",
    "city": "Utrecht",
    "email": "klantenservice@winkelier.test",
    "phone": "+31 30 123 4567",
    "whatsapp": "+31 6 1234 5678",
    "opening_hours": "Ma–vr 9.00–17.30 uur, za 10.00–16.00 uur",
    "kvk_number": "90012345",
    "vat_number": "NL000099998B57",
}
CHRISTMAS_CLOSING = "Kerstsluiting"


@dataclass(frozen=True)
class InfoPage:
    slug: str
    title: str
    intro: str
    search_description: str
    body: tuple[tuple[str, str], ...]


INFO_PAGES = (
    InfoPage(
        slug="over-ons",
        title="Over ons",
        intro="Winkelier is een kleine webwinkel uit Utrecht met een groot hart voor goede spullen.",
        search_description=(
            "Wie zijn wij? Een klein team uit Utrecht dat alleen verkoopt wat het zelf zou kopen, "
            "met eigen uitleg bij elk product."
        ),
        body=(
            ("heading", "Waarom wij deze winkel begonnen"),
            (
                "paragraph",
                "<p>We waren het zat: overal dezelfde producttekst, overal dezelfde beloftes. Daarom "
                "schrijven wij bij elk product zelf op wat we ervan vinden, en verkopen we alleen wat "
                "we zelf zouden kopen.</p>",
            ),
            ("heading", "Na de aankoop houdt het niet op"),
            (
                "paragraph",
                "<p>Bij je eerste bestelling zit een handgeschreven kaartje. Heb je een vraag over "
                "je bestelling, dan krijg je antwoord van iemand die je pakket zelf heeft "
                "ingepakt.</p>",
            ),
        ),
    ),
    InfoPage(
        slug="klantenservice",
        title="Klantenservice",
        intro="Een vraag over je bestelling, een product of een retour? We helpen je graag.",
        search_description=(
            "Bel, mail of app ons: onze klantenservice helpt je op werkdagen en zaterdag met "
            "vragen over bestellingen en retouren."
        ),
        body=(
            ("heading", "Zo bereik je ons"),
            (
                "paragraph",
                "<p>Bel ons op werkdagen van 9.00 tot 17.30 uur en op zaterdag van 10.00 tot 16.00 "
                "uur, of stuur een mail of WhatsApp-bericht. Je krijgt binnen één werkdag "
                "antwoord.</p>",
            ),
            ("heading", "Vraag over een bestelling"),
            (
                "paragraph",
                "<p>Noem je bestelnummer, dan zoeken we alles meteen voor je op. Je vindt het "
                "nummer in de bevestigingsmail en onder Mijn bestellingen.</p>",
            ),
        ),
    ),
    InfoPage(
        slug="verzenden-en-retourneren",
        title="Verzenden en retourneren",
        intro="Wat verzenden kost, hoe snel je pakket er is en hoe je iets terugstuurt.",
        search_description=(
            "Verzending € 4,95, gratis vanaf € 50. Express € 9,95. Veertien dagen bedenktijd na "
            "ontvangst en snel je geld terug."
        ),
        body=(
            ("heading", "Verzenden"),
            (
                "paragraph",
                "<p>Standaardverzending kost € 4,95 en is gratis vanaf € 50. Met Express (€ 9,95) "
                "heb je je pakket de volgende werkdag. Online diensten zoals hosting en "
                "cloudbackup staan direct na je bestelling voor je klaar.</p>",
            ),
            ("heading", "Bedenktijd en retourneren"),
            (
                "paragraph",
                "<p>Je hebt veertien dagen bedenktijd, te tellen vanaf de dag nadat je je pakket "
                "hebt ontvangen. Een reden hoef je niet te geven. Je krijgt het volledige bedrag "
                "terug, inclusief de standaard verzendkosten, en meestal al binnen vier dagen "
                "nadat je retour bij ons binnen is.</p>",
            ),
            ("heading", "Uitzonderingen"),
            (
                "paragraph",
                "<p>Gepersonaliseerde producten, verse chocolade, software waarvan het zegel is "
                "verbroken en diensten die al volledig zijn uitgevoerd kun je niet retourneren. "
                "Bij elk product staat vóór het bestellen of zo'n uitzondering geldt.</p>",
            ),
        ),
    ),
)


def default_site():
    return Site.objects.get(is_default_site=True)


def update_home_page(site) -> None:
    home = site.root_page.specific
    wanted = {
        "hero_heading": HERO_HEADING,
        "hero_text": HERO_TEXT,
        "search_description": HOME_SEARCH_DESCRIPTION,
    }
    # Saving a page queues search and reference index tasks: only save a real change.
    if all(getattr(home, field) == value for field, value in wanted.items()):
        return
    for field, value in wanted.items():
        setattr(home, field, value)
    home.save()


def ensure_info_pages(site) -> int:
    home = site.root_page
    existing = set(home.get_children().values_list("slug", flat=True))
    created = 0
    for info in INFO_PAGES:
        if info.slug in existing:
            continue
        page = ContentPage(
            title=info.title,
            slug=info.slug,
            intro=info.intro,
            search_description=info.search_description,
            show_in_menus=True,
            body=[{"type": block_type, "value": value} for block_type, value in info.body],
        )
        home.add_child(instance=page)
        created += 1
    return created


def christmas_closing(today: date) -> tuple[date, date]:
    """24 December to 1 January of the coming year-end; on 1 January the current one."""
    year = today.year - 1 if (today.month, today.day) == (1, 1) else today.year
    return date(year, 12, 24), date(year + 1, 1, 1)


def ensure_shop_settings(site, today: date) -> None:
    shop = ShopSettings.for_site(site)
    for field, value in SHOP_DETAILS.items():
        setattr(shop, field, value)
    shop.save()
    starts_on, ends_on = christmas_closing(today)
    ClosingPeriod.objects.update_or_create(
        settings=shop, label=CHRISTMAS_CLOSING, defaults={"starts_on": starts_on, "ends_on": ends_on}
    )


def load_content(today: date) -> dict[str, int]:
    site = default_site()
    update_home_page(site)
    pages = ensure_info_pages(site)
    ensure_shop_settings(site, today)
    return {"pages": pages}
