"""Books (9 %, no exception) and reading accessories (21 %)."""

from decimal import Decimal

from demo.assortment.spec import ProductSpec
from demo.ean import book_isbn, goods_ean

BOOKS = (
    ProductSpec(
        key="het-polderjaar",
        title="Het polderjaar – Marleen Hofstede",
        product_class="books",
        category="boeken",
        upc=book_isbn(4120031),
        price=Decimal("22.99"),
        stock=35,
        popularity=5,
        description=(
            "<p>Een jonge boerin neemt na de dood van haar vader het familiebedrijf in de "
            "Noordoostpolder over, tegen de zin van haar broers in. Hofstede schrijft droog en "
            "liefdevol tegelijk over land, familie en een jaar vol tegenslag.</p><p>Een van onze "
            "favorieten van dit seizoen: we hebben hem alle vier gelezen.</p>"
        ),
        supplier_text=(
            "Marleen Hofstede, Het polderjaar. Roman. Uitgeverij Kademuur. Paperback, 336 "
            "pagina's, 13,5 x 21 cm. Taal: Nederlands."
        ),
    ),
    ProductSpec(
        key="koken-met-de-seizoenen",
        title="Koken met de seizoenen – Joost van Dam",
        product_class="books",
        category="boeken",
        upc=book_isbn(4120048),
        price=Decimal("29.99"),
        stock=28,
        popularity=4,
        description=(
            "<p>Honderd recepten met groente die op dat moment in Nederland op het land staat, van "
            "asperges in mei tot pastinaak in januari. De recepten zijn eenvoudig en vragen geen "
            "bijzondere keukenspullen.</p><p>Achterin staat een seizoenskalender, zodat je op de "
            "markt weet waar je naar zoekt.</p>"
        ),
        supplier_text=(
            "Joost van Dam, Koken met de seizoenen. 100 recepten. Gebonden, 256 pagina's, full "
            "colour, 19 x 24 cm. Uitgeverij Kademuur. Met register en groentekalender."
        ),
    ),
    ProductSpec(
        key="fietsroutes",
        title="Fietsroutes door Nederland – 40 dagtochten",
        product_class="books",
        category="boeken",
        upc=book_isbn(4120055),
        price=Decimal("19.99"),
        stock=44,
        popularity=4,
        description=(
            "<p>Veertig rondjes van 30 tot 80 kilometer, van de Waddendijk tot de Limburgse "
            "heuvels. Bij elke route lees je waar je onderweg koffie drinkt en waar je de trein "
            "pakt als het gaat regenen.</p>"
        ),
        supplier_text=(
            "Fietsroutes door Nederland. 40 dagtochten via het knooppuntennetwerk. Paperback met "
            "flappen, 224 pagina's, 12 x 19 cm, met kaartjes en GPX-downloadcode. Uitgeverij "
            "Kademuur."
        ),
    ),
    ProductSpec(
        key="geschiedenis-grachten",
        title="Kleine geschiedenis van de grachten – Sietske Bosma",
        product_class="books",
        category="boeken",
        upc=book_isbn(4120062),
        price=Decimal("24.99"),
        stock=20,
        popularity=3,
        description=(
            "<p>Waarom liggen de grachten waar ze liggen, en wie betaalde ervoor? Bosma vertelt in "
            "korte, levendige hoofdstukken het verhaal van vier eeuwen graven, bouwen en wonen aan "
            "het water.</p><p>Een fijn boek om bij de hand te hebben tijdens een "
            "stadswandeling.</p>"
        ),
        supplier_text=(
            "Sietske Bosma, Kleine geschiedenis van de grachten. Non-fictie, geschiedenis. "
            "Gebonden, 272 pagina's, 40 zwart-witafbeeldingen, 14 x 21,5 cm. Uitgeverij Kademuur."
        ),
    ),
    ProductSpec(
        key="slaap-lekker-kleine-vos",
        title="Slaap lekker, kleine vos – prentenboek",
        product_class="books",
        category="boeken",
        upc=book_isbn(4120079),
        price=Decimal("14.99"),
        stock=50,
        popularity=3,
        description=(
            "<p>Kleine vos kan niet slapen, want het bos maakt zulke rare geluiden. Samen met mama "
            "vos gaat hij op onderzoek uit. Een rustig voorleesverhaal met zachte tekeningen, "
            "precies goed voor het slapengaan.</p>"
        ),
        supplier_text=(
            "Slaap lekker, kleine vos. Prentenboek, voorlezen vanaf 2 jaar. Hardcover, 32 "
            "pagina's, 24 x 24 cm. Tekst: Anne Wiersma. Illustraties: Teun Rijpkema."
        ),
    ),
)

ACCESSORIES = (
    ProductSpec(
        key="leeslampje",
        title="Oplaadbaar leeslampje met klem",
        product_class="everyday",
        category="leesaccessoires",
        upc=goods_ean(40017),
        price=Decimal("24.95"),
        stock=65,
        popularity=3,
        description=(
            "<p>Lezen in bed zonder je partner wakker te houden: het lampje klemt op je boek en "
            "schijnt alleen op de bladzijde. Kies zelf warm of koel licht, in drie standen.</p><p>Eén "
            "keer opladen is genoeg voor ruim twintig avonden lezen.</p>"
        ),
        supplier_text=(
            "LED-leeslamp met klem. Lichtkleur instelbaar 2700 K / 4000 K, 3 helderheidsstanden. "
            "Accu 400 mAh, laden via USB-C, brandduur tot 40 uur. Flexibele hals. Gewicht: 45 g."
        ),
    ),
    ProductSpec(
        key="boekensteunen",
        title="Boekensteunen van eikenhout, set van 2",
        product_class="everyday",
        category="leesaccessoires",
        upc=goods_ean(40024),
        price=Decimal("29.95"),
        stock=22,
        popularity=2,
        description=(
            "<p>Houd je lievelingsboeken netjes rechtop met deze strakke steunen van massief eiken. "
            "Onderaan zit een antislipstrook, zodat zelfs een rij dikke boeken niet gaat "
            "schuiven.</p>"
        ),
        supplier_text=(
            "Boekensteunen, 2 stuks, massief eiken, geolied. Afmetingen per stuk: 15 x 12 x 10 cm. "
            "Gewicht per stuk: 650 g. Onderzijde met antislipvilt."
        ),
    ),
    ProductSpec(
        key="boekenlegger",
        title="Messing boekenlegger",
        product_class="everyday",
        category="leesaccessoires",
        upc=goods_ean(40031),
        price=Decimal("9.95"),
        stock=110,
        popularity=2,
        description=(
            "<p>Nooit meer ezelsoren: deze dunne boekenlegger van messing klemt over de bladzijde en "
            "blijft zitten, ook als je boek in je tas gaat. Een klein extraatje bij een boek "
            "cadeau.</p>"
        ),
        supplier_text=(
            "Boekenlegger, geborsteld messing, 0,5 mm. Afmetingen 90 x 25 mm. Clipmodel. Geleverd "
            "in kartonnen hoesje."
        ),
    ),
)

PRODUCTS = BOOKS + ACCESSORIES
