"""Online services (W13 a, 21 %, stock not tracked): cloud-backup sizes as variants, hosting."""

from decimal import Decimal

from demo.assortment.spec import ProductSpec, VariantSpec
from demo.ean import in_store_code

PRODUCTS = (
    ProductSpec(
        key="cloudbackup",
        title="Cloudbackup voor thuis, 1 jaar",
        product_class="services",
        category="cloudbackup",
        upc=in_store_code(60010),
        popularity=4,
        description=(
            "<p>Nooit meer bang zijn dat je foto's verdwijnen als je laptop crasht of je telefoon "
            "in de gracht valt. Cloudbackup maakt elke nacht vanzelf een kopie van je bestanden, "
            "veilig bewaard in Nederland.</p><p>Kies de grootte die bij je past; later opwaarderen "
            "kan altijd.</p>"
        ),
        supplier_text=(
            "Cloudback-updienst, looptijd 12 maanden. Opslag in ISO 27001-gecertificeerde "
            "datacenters in Nederland. Versleuteling: AES-256 tijdens transport en opslag. "
            "Versiegeschiedenis: 30 dagen. Apps voor Windows, macOS, Android en iOS."
        ),
        variants=(
            VariantSpec(
                key="cloudbackup-50gb",
                title="Cloudbackup voor thuis, 50 GB, 1 jaar",
                upc=in_store_code(60027),
                price=Decimal("29.00"),
                description=(
                    "<p>Genoeg voor al je documenten en een paar jaar aan telefoonfoto's. Ideaal "
                    "als je vooral je eigen spullen veilig wilt weten.</p>"
                ),
                supplier_text="Opslagcapaciteit 50 GB. 1 gebruiker, max. 3 apparaten. Looptijd 12 maanden.",
            ),
            VariantSpec(
                key="cloudbackup-250gb",
                title="Cloudbackup voor thuis, 250 GB, 1 jaar",
                upc=in_store_code(60034),
                price=Decimal("59.00"),
                description=(
                    "<p>Ruimte voor het hele gezin: iedereen krijgt een eigen map en zijn eigen "
                    "app. Ook je vakantievideo's passen er ruim in.</p>"
                ),
                supplier_text="Opslagcapaciteit 250 GB. 5 gebruikers, max. 10 apparaten. Looptijd 12 mnd.",
            ),
            VariantSpec(
                key="cloudbackup-1tb",
                title="Cloudbackup voor thuis, 1 TB, 1 jaar",
                upc=in_store_code(60041),
                price=Decimal("99.00"),
                description=(
                    "<p>Voor fotografen en verzamelaars die niets willen kwijtraken. Ook complete "
                    "schijven van je computer zet je er zonder nadenken op.</p>"
                ),
                supplier_text="Opslagcapaciteit 1 TB. 5 gebruikers, onbeperkt apparaten. Looptijd 12 mnd.",
            ),
        ),
    ),
    ProductSpec(
        key="webhosting-basis",
        title="Webhosting Basis, 1 jaar",
        product_class="services",
        category="websites",
        upc=in_store_code(60058),
        price=Decimal("59.00"),
        popularity=3,
        description=(
            "<p>Een snelle, betrouwbare plek voor je eerste website of blog, met een "
            "SSL-certificaat en vijf e-mailadressen op je eigen domeinnaam.</p><p>We zetten je "
            "pakket direct na je bestelling klaar; de inloggegevens heb je binnen een paar minuten "
            "in je mailbox.</p>"
        ),
        supplier_text=(
            "Shared hostingpakket, 12 maanden. 10 GB SSD-opslag, onbeperkt dataverkeer, 5 "
            "mailboxen, gratis SSL-certificaat, dagelijkse back-up, PHP 8 en MySQL. Servers in "
            "Amsterdam."
        ),
    ),
    ProductSpec(
        key="webhosting-plus",
        title="Webhosting Plus, 1 jaar",
        product_class="services",
        category="websites",
        upc=in_store_code(60065),
        price=Decimal("119.00"),
        popularity=2,
        description=(
            "<p>Voor een webshop of een drukbezochte site: meer ruimte, meer snelheid en een "
            "testomgeving om wijzigingen eerst veilig uit te proberen. Je krijgt 25 mailboxen en "
            "voorrang bij onze helpdesk.</p>"
        ),
        supplier_text=(
            "Hostingpakket Plus, 12 maanden. 50 GB NVMe-opslag, 4 vCPU gegarandeerd, "
            "staging-omgeving, 25 mailboxen, SSL, back-up elk uur (7 dagen bewaard). Support met "
            "prioriteit."
        ),
    ),
    ProductSpec(
        key="domeinnaam-nl",
        title="Domeinnaam .nl, 1 jaar",
        product_class="services",
        category="websites",
        upc=in_store_code(60072),
        price=Decimal("9.95"),
        popularity=2,
        description=(
            "<p>Je eigen .nl-adres, zodat klanten je makkelijk vinden en je e-mail er professioneel "
            "uitziet. De registratie is binnen een paar minuten rond en je beheert alles zelf in je "
            "account.</p>"
        ),
        supplier_text=(
            "Registratie .nl-domeinnaam, 12 maanden, inclusief DNS-beheer en doorsturen. Verhuizen "
            "naar een andere registrar kosteloos. Registratie op naam van de klant."
        ),
    ),
    ProductSpec(
        key="website-overzetten",
        title="Website overzetten door onze specialist",
        product_class="services",
        category="websites",
        upc=in_store_code(60089),
        price=Decimal("49.00"),
        popularity=1,
        description=(
            "<p>Wil je naar onze hosting verhuizen, maar zie je op tegen het gedoe? Onze specialist "
            "zet je website, database en e-mail over, test of alles werkt en zet pas daarna je "
            "domein om.</p><p>Je bezoekers merken er niets van: je site is geen uur "
            "onbereikbaar.</p>"
        ),
        supplier_text=(
            "Migratieservice: overzetten van één website (max. 5 GB) inclusief database en "
            "mailboxen naar Winkelier-hosting. Uitvoering binnen 3 werkdagen na akkoord. Exclusief "
            "aanpassingen aan de website zelf."
        ),
    ),
)
