"""Jeans, belts and the like (everyday goods, 21 %): the belt in two colours as variants."""

from decimal import Decimal

from demo.assortment.spec import ProductSpec, VariantSpec
from demo.ean import goods_ean

PRODUCTS = (
    ProductSpec(
        key="jeans-regular",
        title="Jeans Regular Fit, donkerblauw",
        product_class="everyday",
        category="jeans",
        upc=goods_ean(20016),
        price=Decimal("69.95"),
        stock=60,
        popularity=5,
        description=(
            "<p>Een jeans voor elke dag: recht model, normale taille en stevige stof die na het "
            "wassen niet uitzakt. Het donkerblauw staat net zo goed onder een colbert als op "
            "sneakers.</p><p>Gemaakt van biologisch katoen met een vleugje stretch, zodat hij ook na "
            "een lange fietstocht lekker zit.</p>"
        ),
        supplier_text=(
            "Jeans, regular fit. Stof: 98% biologisch katoen, 2% elastaan, denim 12 oz. Wassing: "
            "dark rinse. Vijf zakken, knoopsluiting. Wassen op 30 °C, binnenstebuiten. Maten "
            "W28–W38, lengte L30–L34."
        ),
    ),
    ProductSpec(
        key="jeans-slim",
        title="Jeans Slim Fit, zwart",
        product_class="everyday",
        category="jeans",
        upc=goods_ean(20023),
        price=Decimal("74.95"),
        stock=48,
        popularity=4,
        description=(
            "<p>Deze zwarte slim fit sluit mooi aan zonder te knellen. De stof is zo diep geverfd "
            "dat hij ook na tientallen wasbeurten niet grijs wordt.</p><p>Draag hem met onze zwarte "
            "leren riem voor een strak geheel.</p>"
        ),
        supplier_text=(
            "Jeans, slim fit, smaller toelopende pijp. Stof: 97% katoen, 3% elastaan, 11 oz. Kleur: "
            "black-black, kleurvast geverfd. Ritssluiting. Wasvoorschrift: 30 °C, niet in de "
            "droger."
        ),
    ),
    ProductSpec(
        key="leren-riem",
        title="Leren riem",
        product_class="everyday",
        category="riemen-en-tassen",
        upc=goods_ean(20078),
        popularity=2,
        description=(
            "<p>Eén riem voor je hele kast: gesneden uit één stuk dik rundleer, met de hand "
            "afgewerkt en stevig genoeg om jaren mee te gaan. Hij glijdt precies door de lussen van "
            "onze jeans.</p><p>Kies bruin met een messing gesp die mooi mee veroudert, of zwart met "
            "een stalen gesp die netjes blijft op kantoor en in het weekend. Te lang? Je kort hem "
            "zelf in tot de maat die bij je past.</p>"
        ),
        supplier_text=(
            "Riem van rundleer, dikte 4 mm, breedte 35 mm. Kleuren: middenbruin (gesp massief "
            "messing) en zwart (gesp geborsteld roestvast staal). Lengtes 85–115 cm, op maat in te "
            "korten. Geproduceerd in Portugal."
        ),
        variants=(
            VariantSpec(
                key="riem-bruin",
                title="Leren riem, bruin",
                upc=goods_ean(20030),
                price=Decimal("39.95"),
                stock=55,
                description=(
                    "<p>Warm middenbruin leer met een gesp van massief messing, die na een tijdje "
                    "vanzelf een mooie patina krijgt.</p>"
                ),
                supplier_text=(
                    "Volnerf rundleer, kleur middenbruin. Gesp: massief messing. Lengtes 85–115 cm."
                ),
            ),
            VariantSpec(
                key="riem-zwart",
                title="Leren riem, zwart",
                upc=goods_ean(20047),
                price=Decimal("39.95"),
                stock=50,
                description=(
                    "<p>Ingetogen zwart met een zilverkleurige gesp van roestvrij staal die niet "
                    "verkleurt. De randen zijn geverfd en gepolijst.</p>"
                ),
                supplier_text=(
                    "Zwart gelooid rundleer. Gesp: geborsteld roestvast staal. Randen geverfd en "
                    "gepolijst. Lengtes 85–115 cm."
                ),
            ),
        ),
    ),
    ProductSpec(
        key="sokken-merino",
        title="Merino sokken, 3 paar",
        product_class="everyday",
        category="riemen-en-tassen",
        upc=goods_ean(20054),
        price=Decimal("17.95"),
        stock=140,
        popularity=4,
        description=(
            "<p>Warme voeten zonder zweten: merinowol houdt je warm als het koud is en voert vocht "
            "af als je het warm hebt. Deze sokken kriebelen niet en gaan na het wassen niet "
            "pluizen.</p>"
        ),
        supplier_text=(
            "Sokken, set van 3 paar. Samenstelling: 70% merinowol, 27% polyamide, 3% elastaan. "
            "Versterkte hiel en teen. Maten 36–39, 40–43, 44–47. Wasbaar op 40 °C, wolprogramma."
        ),
    ),
    ProductSpec(
        key="schoudertas",
        title="Canvas schoudertas, olijfgroen",
        product_class="everyday",
        category="riemen-en-tassen",
        upc=goods_ean(20061),
        price=Decimal("49.95"),
        stock=30,
        popularity=3,
        description=(
            "<p>Een tas voor alles wat je dagelijks meeneemt: een laptop tot 14 inch, een boek, je "
            "lunch en nog een trui. Het gewaxte canvas houdt een flinke regenbui buiten.</p><p>De "
            "brede band verdeelt het gewicht, dus ook een volle tas draagt prettig.</p>"
        ),
        supplier_text=(
            "Schoudertas van gewaxt katoenen canvas (16 oz) met leren details. Kleur: olijf. "
            "Hoofdvak met gewatteerd laptopvak (max. 14 inch), voorvak met drukknoop. Afmetingen: "
            "38 x 28 x 10 cm. Inhoud ca. 11 liter."
        ),
    ),
)
