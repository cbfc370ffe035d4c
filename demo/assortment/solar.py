"""Solar panels for homes (0 % VAT in the Netherlands since 2023)."""

from decimal import Decimal

from demo.assortment.spec import ProductSpec
from demo.ean import goods_ean

PRODUCTS = (
    ProductSpec(
        key="zonnepaneel-430",
        title="Zonnepaneel 430 Wp, full black",
        product_class="solar",
        category="zonne-energie",
        upc=goods_ean(70018),
        price=Decimal("189.00"),
        stock=240,
        popularity=1,
        description=(
            "<p>Een strak zwart paneel dat mooi oogt op elk dak en ook bij bewolking goed opbrengt. "
            "Met acht tot tien van deze panelen wekt een gemiddeld huishouden het grootste deel van "
            "zijn stroom zelf op.</p><p>Voor zonnepanelen op of bij een woning betaal je geen "
            "btw.</p>"
        ),
        supplier_text=(
            "Monokristallijn zonnepaneel, 430 Wp, full black, 108 half-cut cellen. Rendement 22,0%. "
            "Afmetingen 1722 x 1134 x 30 mm, gewicht 21 kg. Productgarantie 25 jaar, "
            "vermogensgarantie 30 jaar."
        ),
    ),
    ProductSpec(
        key="micro-omvormer",
        title="Micro-omvormer voor 2 panelen, 800 W",
        product_class="solar",
        category="zonne-energie",
        upc=goods_ean(70025),
        price=Decimal("159.00"),
        stock=90,
        popularity=1,
        description=(
            "<p>Met een micro-omvormer werkt elk paneel op eigen kracht: valt er schaduw op één "
            "paneel, dan leveren de andere gewoon door. In de app zie je per paneel wat het vandaag "
            "heeft opgewekt.</p>"
        ),
        supplier_text=(
            "Micro-omvormer, 2 MPPT-ingangen, max. AC-uitgangsvermogen 800 W, rendement 96,7%. "
            "Beschermingsklasse IP67. Monitoring via wifi. Afmetingen 250 x 170 x 30 mm. Garantie "
            "15 jaar."
        ),
    ),
    ProductSpec(
        key="montageset-pannendak",
        title="Montageset schuin pannendak, 2 panelen",
        product_class="solar",
        category="zonne-energie",
        upc=goods_ean(70032),
        price=Decimal("79.00"),
        stock=120,
        popularity=1,
        description=(
            "<p>Alles wat je nodig hebt om twee panelen stevig op een pannendak te zetten: "
            "dakhaken, rails, klemmen en bouten. De haken passen onder de meeste Nederlandse "
            "dakpannen, zonder dat je hoeft te zagen.</p>"
        ),
        supplier_text=(
            "Montagesysteem voor 2 panelen staand op schuin dak met pannen. Inhoud: 4 RVS "
            "dakhaken, 2 aluminium rails van 1,8 m, eind- en middenklemmen, bouten M8. Geschikt "
            "voor dakhellingen van 15 tot 60 graden."
        ),
    ),
)
