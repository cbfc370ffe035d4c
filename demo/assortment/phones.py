"""Smartphones and their accessories (everyday goods, 21 %)."""

from decimal import Decimal

from demo.assortment.spec import ProductSpec
from demo.ean import goods_ean

PRODUCTS = (
    ProductSpec(
        key="nordphone-6",
        title="Nordphone 6, 128 GB, nachtblauw",
        product_class="everyday",
        category="smartphones",
        upc=goods_ean(10010),
        price=Decimal("429.00"),
        stock=34,
        popularity=5,
        description=(
            "<p>De Nordphone 6 doet gewoon wat je van een telefoon verwacht: een scherp scherm, "
            "een camera die ook bij schemering mooie foto's maakt en een accu die een volle werkdag "
            "meegaat.</p><p>Wij kozen hem omdat hij vijf jaar lang software-updates krijgt. Zo gaat "
            "je telefoon langer mee, en dat is goed voor je portemonnee én voor het milieu.</p>"
        ),
        supplier_text=(
            "Nordphone 6. Display: 6,1 inch OLED, 2400 x 1080 pixels, 120 Hz. Opslag: 128 GB. "
            "Werkgeheugen: 8 GB. Camera: 50 MP hoofdcamera, 12 MP groothoek. Accu: 4.300 mAh. "
            "Aansluiting: USB-C. Kleur: nachtblauw. Software-ondersteuning: 5 jaar."
        ),
    ),
    ProductSpec(
        key="nordphone-6-pro",
        title="Nordphone 6 Pro, 256 GB, grafiet",
        product_class="everyday",
        category="smartphones",
        upc=goods_ean(10027),
        price=Decimal("649.00"),
        stock=18,
        popularity=3,
        description=(
            "<p>Maak je veel foto's of filmpjes? Dan is de Nordphone 6 Pro je beste maatje. De "
            "telecamera zoomt drie keer in zonder kwaliteitsverlies, en met 256 GB opslag hoef je "
            "voorlopig niets te wissen.</p><p>Het grote scherm leest prettig, ook buiten in de zon. "
            "In een halfuur laad je de accu tot de helft op.</p>"
        ),
        supplier_text=(
            "Nordphone 6 Pro. Display: 6,7 inch LTPO OLED, 120 Hz, piekhelderheid 2000 nits. "
            "Opslag: 256 GB. Werkgeheugen: 12 GB. Camera's: 50 MP hoofd, 48 MP groothoek, 12 MP "
            "tele (3x optisch). Accu: 5.000 mAh, 45 W bedraad laden. Kleur: grafiet."
        ),
    ),
    ProductSpec(
        key="hoesje-siliconen",
        title="Siliconen hoesje voor Nordphone 6, zeegroen",
        product_class="everyday",
        category="telefoonaccessoires",
        upc=goods_ean(10034),
        price=Decimal("19.95"),
        stock=120,
        popularity=2,
        description=(
            "<p>Dit zachte hoesje ligt lekker in de hand en glijdt niet zomaar van tafel. De "
            "opstaande rand rond het scherm en de camera vangt de klap op als je telefoon toch "
            "valt.</p><p>De binnenkant is gevoerd met microvezel, zodat de achterkant krasvrij "
            "blijft.</p>"
        ),
        supplier_text=(
            "Beschermhoes voor Nordphone 6. Materiaal: vloeibare siliconen met microvezel voering. "
            "Kleur: zeegroen. Verhoogde rand rondom display en cameramodule. Compatibel met "
            "draadloos laden. Gewicht: 28 g."
        ),
    ),
    ProductSpec(
        key="bookcase-leer",
        title="Leren bookcase voor Nordphone 6, cognac",
        product_class="everyday",
        category="telefoonaccessoires",
        upc=goods_ean(10041),
        price=Decimal("34.95"),
        stock=45,
        popularity=2,
        description=(
            "<p>Een hoesje dat mooier wordt naarmate je het langer gebruikt: het leer krijgt na een "
            "paar maanden een warme glans. In de klep zitten twee vakjes voor je pinpas en je "
            "ov-kaart.</p><p>Vouw de klep om en je telefoon staat rechtop om een serie te "
            "kijken.</p>"
        ),
        supplier_text=(
            "Bookcase voor Nordphone 6. Materiaal: volnerf rundleer, binnenschaal van "
            "polycarbonaat. Kleur: cognac. Twee kaartsleuven, magneetsluiting, standaardfunctie. "
            "Afmetingen: 158 x 78 x 16 mm."
        ),
    ),
    ProductSpec(
        key="screenprotector",
        title="Screenprotector van gehard glas voor Nordphone 6 (2 stuks)",
        product_class="everyday",
        category="telefoonaccessoires",
        upc=goods_ean(10058),
        price=Decimal("14.95"),
        stock=200,
        popularity=1,
        description=(
            "<p>Een kras op je scherm is zonde van een mooie telefoon. Dit glaasje zie en voel je "
            "nauwelijks, maar het vangt wel de krassen van sleutels en zand in je tas.</p><p>Met het "
            "meegeleverde plaatsingsframe zit het in één keer recht en zonder luchtbellen. Je krijgt "
            "er twee, voor als het eerste sneuvelt.</p>"
        ),
        supplier_text=(
            "Screenprotector Nordphone 6, set van 2. Gehard glas, hardheid 9H, dikte 0,33 mm. "
            "Oleofobe coating. Inclusief installatieframe, reinigingsdoekje en stofsticker. "
            "Compatibel met vingerafdruksensor in het scherm."
        ),
    ),
    ProductSpec(
        key="snellader",
        title="USB-C-snellader 30 W",
        product_class="everyday",
        category="telefoonaccessoires",
        upc=goods_ean(10065),
        price=Decimal("24.95"),
        stock=90,
        popularity=3,
        description=(
            "<p>Bij nieuwe telefoons zit vaak geen lader meer in de doos. Deze kleine snellader "
            "laadt je telefoon in ongeveer een uur helemaal op en past in je jaszak.</p><p>Hij werkt "
            "ook voor tablets, oordopjes en de meeste laptops die via USB-C laden.</p>"
        ),
        supplier_text=(
            "Thuislader met één USB-C-poort. Uitgangsvermogen: max. 30 W, Power Delivery 3.0 en "
            "PPS. Ingang: 100–240 V. Technologie: GaN. Afmetingen: 35 x 35 x 30 mm. Kabel niet "
            "inbegrepen."
        ),
    ),
    ProductSpec(
        key="usb-c-kabel",
        title="Gevlochten USB-C-kabel, 2 meter",
        product_class="everyday",
        category="telefoonaccessoires",
        upc=goods_ean(10072),
        price=Decimal("12.95"),
        stock=150,
        popularity=3,
        description=(
            "<p>Lang genoeg om vanuit bed je telefoon te gebruiken terwijl hij laadt. De gevlochten "
            "mantel voorkomt knikken en rafels bij de stekker, juist waar gewone kabels het eerst "
            "kapotgaan.</p>"
        ),
        supplier_text=(
            "USB-C naar USB-C kabel. Lengte: 2 m. Mantel: gevlochten nylon. Laadvermogen: tot 60 W. "
            "Datasnelheid: USB 2.0 (480 Mbit/s). Kleur: antraciet."
        ),
    ),
    ProductSpec(
        key="oordopjes",
        title="Draadloze oordopjes Kade Buds",
        product_class="everyday",
        category="telefoonaccessoires",
        upc=goods_ean(10089),
        price=Decimal("79.00"),
        stock=40,
        popularity=4,
        description=(
            "<p>Kleine oordopjes met een groot geluid. Ze blijven goed zitten op de fiets of tijdens "
            "het hardlopen, en dankzij ruisonderdrukking hoor je in de trein alleen nog je eigen "
            "muziek.</p><p>Het etui laadt ze drie keer bij, dus je komt makkelijk de week door.</p>"
        ),
        supplier_text=(
            "Kade Buds, true wireless in-ear. Bluetooth 5.3. Actieve ruisonderdrukking. Speeltijd: "
            "7 uur (oordopjes), 28 uur met etui. Waterbestendigheid: IPX4. Drie maten oorstukjes "
            "meegeleverd. Laden via USB-C."
        ),
    ),
    ProductSpec(
        key="powerbank",
        title="Powerbank 10.000 mAh",
        product_class="everyday",
        category="telefoonaccessoires",
        upc=goods_ean(10096),
        price=Decimal("29.95"),
        stock=70,
        popularity=3,
        description=(
            "<p>Onderweg en je accu loopt leeg? Deze powerbank laadt een smartphone ruim twee keer "
            "helemaal op. Hij is zo plat dat hij naast je telefoon in je binnenzak past.</p>"
        ),
        supplier_text=(
            "Powerbank, capaciteit 10.000 mAh (37 Wh). Uitgangen: 1x USB-C (20 W PD), 1x USB-A "
            "(18 W). Ingang: USB-C. Afmetingen: 140 x 68 x 15 mm. Gewicht: 210 g. Toegestaan in "
            "handbagage."
        ),
    ),
)
