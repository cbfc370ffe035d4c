"""Gifts: fresh chocolates (perishable, 9 %), cards and wrapping (21 %), personalised goods (21 %)."""

from decimal import Decimal

from demo.assortment.spec import ProductSpec
from demo.ean import goods_ean, in_store_code

CHOCOLATES = (
    ProductSpec(
        key="bonbons-16",
        title="Bonbons puur en melk, doos van 16",
        product_class="perishable",
        category="chocolade",
        upc=goods_ean(30011),
        price=Decimal("18.50"),
        stock=80,
        popularity=5,
        description=(
            "<p>Zestien handgemaakte bonbons, half puur en half melk, gevuld met onder meer "
            "praliné, koffieganache en frambozencrème. Een cadeau waar niemand nee tegen "
            "zegt.</p><p>Ze worden vers gemaakt en gekoeld verstuurd. Bewaar ze koel en eet ze "
            "binnen drie weken op, maar dat lukt meestal wel.</p>"
        ),
        supplier_text=(
            "Assortiment bonbons, 16 stuks, netto 190 g. Ingrediënten: suiker, cacaomassa, "
            "cacaoboter, room, hazelnoten, frambozen, koffie. Allergenen: melk, noten, soja. "
            "Houdbaarheid: 21 dagen. Bewaren bij 12–18 °C."
        ),
    ),
    ProductSpec(
        key="karamel-9",
        title="Zeezout-karamelbonbons, doos van 9",
        product_class="perishable",
        category="chocolade",
        upc=goods_ean(30028),
        price=Decimal("12.95"),
        stock=95,
        popularity=4,
        description=(
            "<p>Zachte karamel met een snufje zeezout, omhuld door melkchocolade. Zoet en zout "
            "tegelijk: precies de combinatie waardoor je er nog eentje wilt.</p><p>Het doosje past "
            "door de brievenbus en is een lief bedankje voor de buren.</p>"
        ),
        supplier_text=(
            "Bonbons met karamelvulling en zeezout, 9 stuks, netto 105 g. Omhulling: melkchocolade "
            "34% cacao. Allergenen: melk, soja. Houdbaarheid: 28 dagen vanaf productie. Koel en "
            "droog bewaren."
        ),
    ),
    ProductSpec(
        key="proeverij-32",
        title="Proeverij bonbons, doos van 32",
        product_class="perishable",
        category="chocolade",
        upc=goods_ean(30035),
        price=Decimal("34.50"),
        stock=40,
        popularity=3,
        description=(
            "<p>Voor wie niet kan kiezen: 32 bonbons, van puur met rood fruit tot wit met citroen "
            "en melk met speculaas. In de deksel lees je welke bonbon welke is.</p><p>Mooi om mee "
            "te nemen naar een verjaardag of om met collega's te delen.</p>"
        ),
        supplier_text=(
            "Assortimentsdoos, 32 bonbons in 16 smaken, netto 380 g. Verpakking: kartonnen doos "
            "met smakenkaart. Allergenen: melk, noten, gluten, soja, ei. THT: 21 dagen. "
            "Bewaartemperatuur 12–18 °C."
        ),
    ),
    ProductSpec(
        key="truffels-12",
        title="Cacaotruffels, doos van 12",
        product_class="perishable",
        category="chocolade",
        upc=goods_ean(30042),
        price=Decimal("15.95"),
        stock=60,
        popularity=3,
        description=(
            "<p>Met de hand gerolde truffels van pure ganache, door cacaopoeder gehaald. Ze smelten "
            "op je tong en zijn niet te zoet.</p><p>Omdat er verse room in zit, zijn ze twee weken "
            "houdbaar: een cadeau om meteen te geven.</p>"
        ),
        supplier_text=(
            "Truffels, 12 stuks, netto 150 g. Ganache van pure chocolade (64% cacao) en verse "
            "room, bestoven met cacaopoeder. Allergenen: melk. Houdbaarheid: 14 dagen. Gekoeld "
            "bewaren."
        ),
    ),
)

CARDS_AND_WRAPPING = (
    ProductSpec(
        key="kaart-bedankt",
        title="Wenskaart 'Bedankt!' met envelop",
        product_class="everyday",
        category="kaarten-en-inpakken",
        upc=goods_ean(30059),
        price=Decimal("3.50"),
        stock=300,
        popularity=2,
        description=(
            "<p>Soms zegt een kaartje meer dan een appje. Op de voorkant staat een vrolijke bos "
            "tulpen en de binnenkant is leeg, zodat je er je eigen woorden in kwijt kunt.</p>"
        ),
        supplier_text=(
            "Dubbele wenskaart, formaat A6 (105 x 148 mm), 350 g/m² gerecycled karton. Binnenzijde "
            "blanco. Inclusief kraft envelop. Tekst voorzijde: Bedankt!"
        ),
    ),
    ProductSpec(
        key="kaart-gefeliciteerd",
        title="Wenskaart 'Gefeliciteerd' met envelop",
        product_class="everyday",
        category="kaarten-en-inpakken",
        upc=goods_ean(30066),
        price=Decimal("3.50"),
        stock=280,
        popularity=2,
        description=(
            "<p>Voor een verjaardag, een nieuwe baan of een geslaagd examen. De kaart is gedrukt op "
            "stevig gerecycled karton met slingers en een taart erop.</p><p>Doe hem bij je cadeau in "
            "het pakket, dan is het meteen compleet.</p>"
        ),
        supplier_text=(
            "Wenskaart dubbel A6, 350 g/m², gerecycled. Opdruk: Gefeliciteerd. Binnenzijde "
            "onbedrukt. Met envelop (kraft, 110 x 156 mm)."
        ),
    ),
    ProductSpec(
        key="cadeauverpakking",
        title="Cadeauverpakking met lint",
        product_class="everyday",
        category="kaarten-en-inpakken",
        upc=goods_ean(30073),
        price=Decimal("2.95"),
        stock=500,
        popularity=1,
        description=(
            "<p>Wij pakken je cadeau met zorg in: stevig papier, een katoenen lint en een labeltje "
            "waarop je een naam schrijft. Zo ligt het meteen klaar om te geven.</p>"
        ),
        supplier_text=(
            "Cadeauverpakking per artikel: kraftpapier 80 g/m², katoenen lint, kartonnen "
            "naamlabel. Geschikt voor artikelen tot 40 x 30 x 15 cm."
        ),
    ),
)

PERSONALISED = (
    ProductSpec(
        key="mok-naam",
        title="Mok met eigen naam",
        product_class="personalised",
        category="gepersonaliseerd",
        upc=in_store_code(30080),
        price=Decimal("16.95"),
        stock=60,
        popularity=4,
        description=(
            "<p>Een stevige mok met daarop de naam die jij kiest, in een van onze drie "
            "lettertypes. Handig op kantoor, want dan drinkt niemand meer uit jouw mok.</p><p>We "
            "bedrukken elke mok pas als je hem bestelt, en hij kan gewoon in de vaatwasser.</p>"
        ),
        supplier_text=(
            "Mok van wit aardewerk, inhoud 330 ml, hoogte 95 mm. Personalisatie: sublimatiedruk, "
            "max. 14 tekens. Vaatwasser- en magnetronbestendig. Productietijd: 2 werkdagen."
        ),
    ),
    ProductSpec(
        key="notitieboek-initialen",
        title="Notitieboek met gegraveerde initialen",
        product_class="personalised",
        category="gepersonaliseerd",
        upc=in_store_code(30097),
        price=Decimal("24.95"),
        stock=40,
        popularity=3,
        description=(
            "<p>Een notitieboek in linnen band, met jouw initialen in de kaft gegraveerd. Op het "
            "dikke, crèmekleurige papier schrijf je prettig, ook met een vulpen.</p><p>Een "
            "persoonlijk cadeau voor iemand die graag lijstjes maakt of een dagboek bijhoudt.</p>"
        ),
        supplier_text=(
            "Notitieboek A5, linnen hardcover, 192 pagina's gelinieerd, papier 100 g/m² crème, "
            "leeslint. Personalisatie: lasergravure, max. 3 letters. Levertijd: 3 werkdagen."
        ),
    ),
    ProductSpec(
        key="snijplank-gravure",
        title="Eikenhouten snijplank met gravure",
        product_class="personalised",
        category="gepersonaliseerd",
        upc=in_store_code(30103),
        price=Decimal("39.95"),
        stock=25,
        popularity=2,
        description=(
            "<p>Een plank van massief eiken, gegraveerd met een naam, een datum of een korte tekst "
            "naar keuze. Om op te snijden, of om kaas en brood mee op tafel te zetten.</p><p>Een "
            "mooi cadeau voor een bruiloft of een nieuw huis.</p>"
        ),
        supplier_text=(
            "Snijplank van massief Europees eiken, 40 x 25 x 2 cm, met sapgoot en ophangkoord. "
            "Behandeld met voedselveilige olie. Gravure: laser, max. 2 regels van 25 tekens. Niet "
            "geschikt voor de vaatwasser."
        ),
    ),
    ProductSpec(
        key="fotokussen",
        title="Kussen met eigen foto",
        product_class="personalised",
        category="gepersonaliseerd",
        upc=in_store_code(30110),
        price=Decimal("29.95"),
        stock=30,
        popularity=2,
        description=(
            "<p>Je liefste foto op een zacht kussen: de hond, de kleinkinderen of dat ene "
            "vakantiekiekje. We drukken de foto scherp en kleurecht af op de voorkant.</p><p>De hoes "
            "gaat eraf en kan in de was, zonder dat de foto vervaagt.</p>"
        ),
        supplier_text=(
            "Sierkussen 40 x 40 cm, hoes van polyester met linnenlook, voorzijde bedrukt met "
            "klantfoto (min. 1200 x 1200 px). Vulling: holle vezel. Rits aan onderzijde. Hoes "
            "wasbaar op 30 °C."
        ),
    ),
)

PRODUCTS = CHOCOLATES + CARDS_AND_WRAPPING + PERSONALISED
