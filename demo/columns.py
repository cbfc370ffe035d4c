"""Demo columns (domain.md S7): a column index, three writers (one a guest) and six weekly columns.

Written for this demo. Columns appear on the Friday of each of the last six weeks; products
are mentioned by UPC and only when their product page exists. Idempotent: writers are found
by name, columns by slug, and nothing that exists is changed.
"""

import io
from dataclasses import dataclass
from datetime import date, timedelta

from django.core.files.images import ImageFile
from PIL import Image, ImageDraw, ImageFont

from cms.models import (
    Author,
    ColumnAuthor,
    ColumnIndexPage,
    ColumnPage,
    LicenceType,
    LicensedImage,
    ProductPage,
)
from demo.assortment import PRODUCTS

INDEX_SLUG = "columns"
INDEX_TITLE = "Columns"
INDEX_INTRO = (
    "<p>Elke vrijdag een column: over de winkel, over de spullen die we verkopen en over de "
    "dingen die we onderweg leren. Soms van ons, soms van een gast.</p>"
)
INDEX_DESCRIPTION = (
    "Wekelijkse columns van Winkelier en gastschrijvers over eerlijk verkopen, retourneren, "
    "back-ups, energie en meer."
)
PHOTO_CREATOR = "Winkelier"


@dataclass(frozen=True)
class Writer:
    name: str
    bio: str
    colour: tuple[int, int, int]
    is_guest: bool = False
    link_url: str = ""


WRITERS = {
    "marieke": Writer(
        name="Marieke Jansen",
        bio=(
            "Marieke begon Winkelier op een zolderkamer in Utrecht. Ze kiest het assortiment en "
            "schrijft de meeste producttitels zelf."
        ),
        colour=(31, 95, 63),
    ),
    "daan": Writer(
        name="Daan Visser",
        bio=(
            "Daan leidt de klantenservice en pakt op drukke dagen zelf pakketten in. Hij weet "
            "precies welke vragen er na een aankoop komen."
        ),
        colour=(40, 70, 120),
    ),
    "fatima": Writer(
        name="Fatima El Amrani",
        bio=(
            "Fatima is zelfstandig energieadviseur in Amersfoort en helpt huishoudens kiezen "
            "tussen zonnepanelen, isoleren en gewoon minder verbruiken. Ze schrijft op uitnodiging."
        ),
        colour=(150, 90, 20),
        is_guest=True,
        link_url="https://energieadvies.example.nl/",
    ),
}


@dataclass(frozen=True)
class ColumnSpec:
    slug: str
    title: str
    writers: tuple[str, ...]
    weeks_ago: int
    tags: tuple[str, ...]
    intro: str
    body: tuple[tuple[str, str | dict[str, str]], ...]


def p(*paragraphs: str) -> str:
    return "".join(f"<p>{text}</p>" for text in paragraphs)


COLUMNS = (
    ColumnSpec(
        slug="waarom-we-onze-eigen-productteksten-schrijven",
        title="Waarom we onze eigen productteksten schrijven",
        writers=("marieke",),
        weeks_ago=5,
        tags=("eigen teksten", "achter de schermen"),
        intro=(
            "Een leverancier levert bij elk product een kant-en-klare tekst mee. Wij gooien die "
            "niet weg, maar we zetten hem ook niet op de site. Hier lees je waarom."
        ),
        body=(
            (
                "paragraph",
                p(
                    "Toen we begonnen, plakten we de leverancierstekst gewoon onder elk product. "
                    "Snel klaar, dachten we. Tot een klant belde met de vraag of de oordopjes nu wel "
                    "of niet tegen regen konden. Het antwoord stond nergens, want de tekst ging vooral "
                    "over 'een ongekende luisterervaring'.",
                    "Sindsdien pakt iemand van ons elk product eerst zelf uit. Wat valt op, wat valt "
                    "tegen, voor wie is het eigenlijk? Dat schrijven we op, in gewone zinnen.",
                ),
            ),
            (
                "quote",
                {
                    "text": "Als we het niet kunnen uitleggen, moeten we het misschien niet verkopen.",
                    "attribution": "Onze huisregel sinds 2021",
                },
            ),
            (
                "paragraph",
                p(
                    "Er is ook een nuchtere reden. Zoekmachines zien duizend winkels met precies "
                    "dezelfde zinnen en kiezen er dan één uit. Een eigen tekst valt op, bij mensen "
                    "én bij Google. We houden de tekst van de leverancier wel apart bij: zo kunnen "
                    "we controleren dat onze eigen versie echt anders is."
                ),
            ),
        ),
    ),
    ColumnSpec(
        slug="terugsturen-zonder-vragen",
        title="Terugsturen zonder vragen",
        writers=("daan",),
        weeks_ago=4,
        tags=("retouren", "klantenservice"),
        intro=(
            "Je hebt veertien dagen bedenktijd en hoeft ons niet uit te leggen waarom iets terug "
            "gaat. Toch vragen veel klanten of dat echt zo is. Ja, echt."
        ),
        body=(
            (
                "paragraph",
                p(
                    "Elke week krijg ik mailtjes die beginnen met een excuus. 'Sorry, de jas past "
                    "prima, maar de kleur viel me tegen.' Je hoeft je niet te verontschuldigen. De "
                    "wet geeft je bedenktijd, en wij vinden dat heel redelijk: in een webwinkel kun "
                    "je niets passen of vasthouden.",
                    "De veertien dagen tellen vanaf de dag nadat je het pakket hebt gekregen, niet "
                    "vanaf je bestelling. Meld je retour in je account, stuur het terug en je krijgt "
                    "het hele bedrag terug, ook de standaard verzendkosten.",
                ),
            ),
            (
                "paragraph",
                p(
                    "Een paar dingen kunnen niet terug: iets wat we speciaal voor jou hebben "
                    "gemaakt, verse chocolade, en software waarvan je het zegel hebt verbroken. Dat "
                    "zie je altijd vóór je bestelt bij het product staan, zodat het nooit een "
                    "verrassing is."
                ),
            ),
            (
                "quote",
                {
                    "text": "Makkelijk terugsturen is de beste reden om bij ons te bestellen.",
                    "attribution": "",
                },
            ),
        ),
    ),
    ColumnSpec(
        slug="eerst-een-back-up-dan-de-upgrade",
        title="Eerst een back-up, dan pas de upgrade",
        writers=("daan",),
        weeks_ago=3,
        tags=("back-ups", "software", "tips"),
        intro=(
            "Een nieuwe versie van je besturingssysteem of kantoorpakket installeren gaat bijna "
            "altijd goed. Bijna. Vijf minuten voorbereiding scheelt je een verloren weekend."
        ),
        body=(
            (
                "paragraph",
                p(
                    "Vorige maand belde een klant in paniek: na een grote update startte haar laptop "
                    "niet meer op, en de foto's van drie vakanties stonden alleen op die laptop. Het "
                    "liep goed af, maar het had niet gehoeven.",
                    "Onze vuistregel: maak vóór elke grote upgrade een kopie van je bestanden op een "
                    "plek buiten het apparaat. Een externe schijf is prima, een cloudbackup die elke "
                    "nacht vanzelf draait is nog beter, want die vergeet je niet.",
                ),
            ),
            (
                "product",
                {"product": "cloudbackup", "note": "Maakt elke nacht vanzelf een kopie van je bestanden."},
            ),
            (
                "paragraph",
                p(
                    "Controleer daarna één ding: kun je een bestand ook echt terugzetten? Open een "
                    "paar foto's uit de back-up. Pas dan weet je zeker dat het werkt. Daarna mag de "
                    "upgrade beginnen, met een gerust hart."
                ),
            ),
            ("product", {"product": "schrijfwerk-kantoor", "note": ""}),
        ),
    ),
    ColumnSpec(
        slug="zo-kies-je-een-powerbank",
        title="Zo kies je een powerbank die bij je past",
        writers=("marieke",),
        weeks_ago=2,
        tags=("telefoons", "tips"),
        intro=(
            "Meer milliampère-uur is niet altijd beter. Wie een powerbank kiest op het grootste "
            "getal, sjouwt vaak een baksteen mee die niet eens snel laadt."
        ),
        body=(
            (
                "paragraph",
                p(
                    "Begin bij je eigen dag. Laad je je telefoon 's avonds op en wil je alleen een "
                    "buffer voor een lange reisdag? Dan is 10.000 mAh ruim genoeg: daarmee laad je "
                    "de meeste telefoons twee keer bijna helemaal vol.",
                    "Let daarna op de uitgang. Een powerbank met USB-C en snelladen maakt meer "
                    "verschil dan een paar duizend mAh extra. En neem een goede kabel: een dunne "
                    "kabel uit een la is vaak de echte reden dat laden traag gaat.",
                ),
            ),
            ("product", {"product": "powerbank", "note": "Onze keuze voor dagelijks gebruik."}),
            ("product", {"product": "usb-c-kabel", "note": "Twee meter, en de mantel rafelt niet."}),
            (
                "paragraph",
                p(
                    "Tot slot: in het vliegtuig mag een powerbank alleen in je handbagage. Tot 100 Wh "
                    "is dat bij vrijwel elke maatschappij geen probleem, en 10.000 mAh zit daar ruim "
                    "onder."
                ),
            ),
        ),
    ),
    ColumnSpec(
        slug="zonnepanelen-eerst-rekenen-dan-kopen",
        title="Zonnepanelen: eerst rekenen, dan kopen",
        writers=("fatima",),
        weeks_ago=1,
        tags=("energie", "gastcolumn", "tips"),
        intro=(
            "Als energieadviseur kom ik veel daken op. Mijn eerste vraag is nooit hoeveel panelen "
            "er passen, maar hoeveel stroom het huishouden overdag eigenlijk gebruikt."
        ),
        body=(
            (
                "paragraph",
                p(
                    "Panelen leveren het meest rond het middaguur, en juist dan is er in veel huizen "
                    "niemand thuis. Wat je niet zelf gebruikt, gaat terug het net op, en dat levert "
                    "steeds minder op. Een kleiner systeem dat je grotendeels zelf benut, is daarom "
                    "vaak slimmer dan het hele dak vol.",
                    "Mijn advies: pak de jaaropgave van je energieleverancier, kijk naar je verbruik "
                    "en zet de wasmachine en vaatwasser voortaan overdag aan. Begin desnoods met twee "
                    "panelen en een micro-omvormer; uitbreiden kan later.",
                ),
            ),
            ("product", {"product": "zonnepaneel-430", "note": ""}),
            (
                "product",
                {"product": "micro-omvormer", "note": "Handig voor een klein begin met twee panelen."},
            ),
            (
                "quote",
                {
                    "text": "De goedkoopste kilowattuur is nog altijd de kilowattuur die je niet gebruikt.",
                    "attribution": "Fatima El Amrani",
                },
            ),
        ),
    ),
    ColumnSpec(
        slug="dicht-tussen-kerst-en-oud-en-nieuw",
        title="Even dicht tussen kerst en oud en nieuw",
        writers=("marieke", "daan"),
        weeks_ago=0,
        tags=("achter de schermen", "klantenservice"),
        intro=(
            "Van 24 december tot en met 1 januari is de winkel dicht en versturen we niets. Zo "
            "plan je je cadeaus toch op tijd, en zo houden wij het vol."
        ),
        body=(
            (
                "paragraph",
                p(
                    "Het hele jaar pakken we elke werkdag in wat vóór tien uur 's avonds is besteld. "
                    "Tussen kerst en oud en nieuw doen we dat een week niet: dan zijn we bij onze "
                    "families en maken we de voorraad op orde voor het nieuwe jaar.",
                    "Je kunt in die dagen gewoon bestellen. We versturen je pakket op de eerste "
                    "werkdag van januari. Wil je iets onder de boom? Bestel dan uiterlijk in het "
                    "weekend vóór kerst.",
                ),
            ),
            (
                "paragraph",
                p(
                    "En de bedenktijd? Die begint pas als je pakket binnen is, dus door de sluiting "
                    "verlies je geen dag. Mail of app je ons tijdens de sluiting, dan antwoorden we "
                    "op de eerste werkdag, op volgorde van binnenkomst."
                ),
            ),
        ),
    ),
)


def meta_description(text: str, limit: int = 160) -> str:
    """The intro as a meta description (S1: at most 160 characters), cut at a word."""
    if len(text) <= limit:
        return text
    return text[: limit - 1].rsplit(" ", 1)[0].rstrip(",.:;") + "…"


def latest_friday(today: date) -> date:
    return today - timedelta(days=(today.weekday() - 4) % 7)


def portrait(name: str, colour: tuple[int, int, int]) -> bytes:
    """A square portrait placeholder: the writer's initials on their colour."""
    image = Image.new("RGB", (400, 400), colour)
    draw = ImageDraw.Draw(image)
    draw.ellipse((40, 40, 360, 360), fill=tuple(min(255, c + 35) for c in colour))
    words = name.split()
    initials = (words[0][0] + words[-1][0]).upper()
    draw.text((200, 200), initials, font=ImageFont.load_default(size=150), fill=(255, 255, 255), anchor="mm")
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def ensure_writers() -> tuple[dict[str, Author], int, int]:
    authors, created, images = {}, 0, 0
    for key, writer in WRITERS.items():
        author, was_created = Author.objects.get_or_create(
            name=writer.name,
            defaults={"bio": writer.bio, "is_guest": writer.is_guest, "link_url": writer.link_url},
        )
        created += was_created
        if author.photo_id is None:
            author.photo = LicensedImage.objects.create(
                title=f"Portret {writer.name}",
                licence_type=LicenceType.OWN_WORK,
                creator=PHOTO_CREATOR,
                credit_line=f"© {PHOTO_CREATOR}",
                file=ImageFile(io.BytesIO(portrait(writer.name, writer.colour)), name=f"auteur-{key}.png"),
            )
            author.save(update_fields=["photo"])
            images += 1
        authors[key] = author
    return authors, created, images


def ensure_index(site) -> tuple[ColumnIndexPage, int]:
    index = ColumnIndexPage.objects.filter(slug=INDEX_SLUG).first()
    if index is not None:
        return index, 0
    index = ColumnIndexPage(
        title=INDEX_TITLE,
        slug=INDEX_SLUG,
        intro=INDEX_INTRO,
        search_description=INDEX_DESCRIPTION,
        show_in_menus=True,
    )
    site.root_page.add_child(instance=index)
    index.save_revision().publish()
    return index, 1


def product_pages_by_key() -> dict[str, ProductPage]:
    """The live demo product pages by assortment key (matched on UPC); absent ones are skipped."""
    keys_by_upc = {spec.upc: spec.key for spec in PRODUCTS if spec.upc}
    pages = ProductPage.objects.live().filter(product__upc__in=keys_by_upc).select_related("product")
    return {keys_by_upc[page.product.upc]: page for page in pages}


def body_of(spec: ColumnSpec, product_pages: dict[str, ProductPage]) -> list[dict]:
    blocks = []
    for block_type, value in spec.body:
        if block_type == "product" and isinstance(value, dict):
            product_page = product_pages.get(value["product"])
            if product_page is None:
                continue  # no live page for this product in the demo: no mention
            value = {"page": product_page.pk, "note": value["note"]}
        blocks.append({"type": block_type, "value": value})
    return blocks


def load_columns(site, today: date, progress=None) -> dict[str, int]:
    index, index_created = ensure_index(site)
    authors, writers_created, images = ensure_writers()
    product_pages = product_pages_by_key()
    existing = set(ColumnPage.objects.child_of(index).values_list("slug", flat=True))
    friday = latest_friday(today)
    created = 0
    for spec in COLUMNS:
        if spec.slug in existing:
            continue
        column = ColumnPage(
            title=spec.title,
            slug=spec.slug,
            intro=spec.intro,
            search_description=meta_description(spec.intro),
            publication_date=friday - timedelta(weeks=spec.weeks_ago),
            body=body_of(spec, product_pages),
            live=False,
            column_authors=[ColumnAuthor(author=authors[key]) for key in spec.writers],
        )
        column.tags.add(*spec.tags)
        index.add_child(instance=column)
        column.save_revision().publish()
        created += 1
        if progress is not None:
            progress.count(created, len(COLUMNS), "columns")
    return {
        "column index": index_created,
        "column authors": writers_created,
        "author photos": images,
        "columns": created,
    }
