"""Boxed software in a sealed package (W13 i, 21 %)."""

from decimal import Decimal

from demo.assortment.spec import ProductSpec
from demo.ean import goods_ean

PRODUCTS = (
    ProductSpec(
        key="schrijfwerk-kantoor",
        title="Schrijfwerk Kantoor 8, 1 pc (doos)",
        product_class="sealed_software",
        category="software",
        upc=goods_ean(50012),
        price=Decimal("89.00"),
        stock=40,
        popularity=3,
        description=(
            "<p>Brieven, begrotingen en presentaties in één pakket, zonder maandelijks abonnement: "
            "je betaalt één keer en gebruikt het zo lang je wilt. Bestanden uit andere "
            "kantoorprogramma's openen gewoon.</p><p>Dit is een verzegelde doos. Zolang het zegel "
            "heel is, stuur je hem binnen de bedenktijd gewoon terug.</p>"
        ),
        supplier_text=(
            "Schrijfwerk Kantoor 8. Tekstverwerker, spreadsheet, presentaties. Licentie: 1 pc, "
            "eeuwigdurend. Systeemeisen: Windows 10/11 of macOS 13+, 4 GB RAM, 3 GB schijfruimte. "
            "Levering: verzegelde doos met USB-installatiemedium en licentiecode."
        ),
    ),
    ProductSpec(
        key="beeldkamer-studio",
        title="Beeldkamer Studio 12, fotobewerking (doos)",
        product_class="sealed_software",
        category="software",
        upc=goods_ean(50029),
        price=Decimal("59.00"),
        stock=25,
        popularity=2,
        description=(
            "<p>Foto's bijsnijden, rechtzetten en mooier maken, van een scheve horizon tot een "
            "vlekje op de lens. Beeldkamer Studio is eenvoudig genoeg voor beginners en groeit met "
            "je mee als je verder wilt.</p><p>Je krijgt een verzegelde doos; ongeopend terugsturen "
            "kan binnen de bedenktijd.</p>"
        ),
        supplier_text=(
            "Beeldkamer Studio 12, fotobewerkingssoftware. Ondersteunt RAW, lagen, maskers en "
            "batchverwerking. Licentie: 2 apparaten, eeuwigdurend. Windows 10/11, macOS 13 of "
            "nieuwer. Verzegelde verpakking met downloadkaart."
        ),
    ),
    ProductSpec(
        key="waakhond-beveiliging",
        title="Waakhond Internetbeveiliging, 3 apparaten, 1 jaar (doos)",
        product_class="sealed_software",
        category="software",
        upc=goods_ean(50036),
        price=Decimal("39.95"),
        stock=60,
        popularity=3,
        description=(
            "<p>Bescherming tegen virussen, nepwebsites en phishingmails, voor je laptop, telefoon "
            "en tablet tegelijk. Waakhond werkt op de achtergrond en vraagt alleen om aandacht als "
            "het echt nodig is.</p>"
        ),
        supplier_text=(
            "Waakhond Internetbeveiliging. Licentie: 3 apparaten, 12 maanden. Platforms: Windows, "
            "macOS, Android, iOS. Functies: realtime scan, webfilter, firewall, wachtwoordkluis. "
            "Verzegelde doos met activeringscode."
        ),
    ),
    ProductSpec(
        key="kasboek-zzp",
        title="Kasboek voor zzp'ers, jaarversie (doos)",
        product_class="sealed_software",
        category="software",
        upc=goods_ean(50043),
        price=Decimal("129.00"),
        stock=18,
        popularity=2,
        description=(
            "<p>Bonnetjes, facturen en je btw-aangifte op één plek. Kasboek rekent per kwartaal de "
            "btw voor je uit en zet de cijfers klaar voor de Belastingdienst, zodat je daar geen "
            "avond meer aan kwijt bent.</p><p>Verzegelde doos: ongeopend terugsturen binnen de "
            "bedenktijd kan altijd.</p>"
        ),
        supplier_text=(
            "Kasboek jaarversie voor zelfstandigen. Facturatie, urenregistratie, bankimport, "
            "btw-overzicht per kwartaal. Licentie: 1 gebruiker, 1 boekjaar. Windows 10/11. "
            "Verzegelde doos met installatiemedium."
        ),
    ),
)
