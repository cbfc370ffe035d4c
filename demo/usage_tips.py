"""The shop's own usage tips on some demo product pages ("Zo gebruik je het"): what the follow-up
plan's e-mail on day 3 after delivery sends (A6). Keyed by the product's key in demo/assortment."""

from demo.assortment import PRODUCTS

TIPS: dict[str, list[tuple[str, str]]] = {
    "jeans-regular": [
        (
            "Eerste keer wassen",
            "<p>Was je jeans de eerste keren binnenstebuiten en apart, op 30 graden. "
            "Zo blijft de kleur diep en geeft hij niet af op je lichte was.</p>",
        ),
        (
            "Minder wassen is beter",
            "<p>Hang hem na het dragen een nacht buiten of in de badkamer: "
            "denim frist vanzelf op. Eens per tien keer dragen wassen is genoeg.</p>",
        ),
    ],
    "jeans-slim": [
        (
            "Zwart blijft zwart",
            "<p>Draai je jeans binnenstebuiten, was op 30 graden met een wasmiddel "
            "voor donkere was en laat hem aan de lijn drogen, niet in de droger.</p>",
        ),
    ],
    "sokken-merino": [
        (
            "Wol in de machine",
            "<p>Kies het wolprogramma op 30 graden, binnenstebuiten en zonder "
            "wasverzachter. Leg ze plat te drogen: dan houden ze hun vorm.</p>",
        ),
        (
            "Niet bang voor geurtjes",
            "<p>Merinowol neemt weinig geur op. Na een dag wandelen is een nacht "
            "luchten vaak genoeg; je hoeft ze minder vaak te wassen dan katoenen sokken.</p>",
        ),
    ],
    "schoudertas": [
        (
            "Vlek erin?",
            "<p>Dep een vlek met lauw water en een druppel groene zeep; niet wrijven. "
            "De tas mag niet in de wasmachine: het canvas verliest dan zijn stevigheid.</p>",
        ),
    ],
    "bonbons-16": [
        (
            "Zo blijven ze op hun best",
            "<p>Bewaar de doos op een koele, droge plek tussen 15 en 18 "
            "graden, niet in de koelkast: daar slaan bonbons wit uit en verliezen ze smaak.</p>",
        ),
        (
            "Proeven als een kenner",
            "<p>Haal een bonbon een kwartier van tevoren uit de doos. Op "
            "kamertemperatuur komen de aroma's van de vulling pas echt vrij.</p>",
        ),
    ],
    "truffels-12": [
        (
            "Binnen drie weken op",
            "<p>Truffels hebben een verse ganache. Ze zijn op hun lekkerst in de "
            "eerste drie weken; bewaar ze koel en goed afgesloten, uit de buurt van sterke geuren.</p>",
        ),
    ],
    "snijplank-gravure": [
        (
            "Olie houdt hem mooi",
            "<p>Wrijf de plank de eerste maand elke week in met een dun laagje "
            "plantaardige olie of plankenolie, daarna eens per maand. Laat een nacht intrekken.</p>",
        ),
        (
            "Nooit in de vaatwasser",
            "<p>Afwassen met warm water en een borstel, daarna rechtop laten "
            "drogen. In de vaatwasser trekt het eikenhout krom en kan de gravure barsten.</p>",
        ),
    ],
    "mok-naam": [
        (
            "De naam blijft scherp",
            "<p>De opdruk kan in de vaatwasser, maar met de hand afwassen houdt de "
            "kleuren jarenlang fris. Schuursponsjes zijn niet nodig en beschadigen de glazuurlaag.</p>",
        ),
    ],
    "nordphone-6": [
        (
            "Een accu die lang meegaat",
            "<p>Zet in de instellingen ‘Accu beschermen’ aan: de telefoon laadt "
            "dan tot 80 procent. Dat scheelt op den duur veel slijtage.</p>",
        ),
        (
            "Alles van je oude telefoon",
            "<p>Leg je oude telefoon naast de nieuwe tijdens het instellen. "
            "Via ‘Gegevens overzetten’ komen je foto's, apps en berichten in één keer mee.</p>",
        ),
    ],
    "screenprotector": [
        (
            "Zonder bubbels",
            "<p>Plak het glas in een badkamer waar net gedoucht is: de vochtige lucht "
            "houdt stof tegen. Maak het scherm eerst schoon met het natte en daarna het droge doekje.</p>",
        ),
    ],
    "powerbank": [
        (
            "Opladen en bewaren",
            "<p>Laad de powerbank helemaal op voor je hem de eerste keer gebruikt. "
            "Gebruik je hem een tijd niet, bewaar hem dan half vol; dat is het gezondst voor de accu.</p>",
        ),
    ],
    "leeslampje": [
        (
            "Warm of koel licht",
            "<p>Houd de knop twee tellen ingedrukt om tussen warm en koel licht te "
            "wisselen. Warm licht leest 's avonds prettiger en houdt je minder wakker.</p>",
        ),
    ],
    "cloudbackup": [
        (
            "Eerst de belangrijkste map",
            "<p>Kies bij de eerste back-up alleen je fotomap. Die is het "
            "lastigst te vervangen en staat dan binnen een dag veilig; de rest volgt daarna vanzelf.</p>",
        ),
        (
            "Test het terugzetten",
            "<p>Zet eens per kwartaal één bestand terug uit je back-up. Dan weet je "
            "zeker dat het werkt op het moment dat je het echt nodig hebt.</p>",
        ),
    ],
}


KEY_BY_UPC = {spec.upc: spec.key for spec in PRODUCTS}


def experience_of(product) -> list[dict]:
    """The product page's "beleving" blocks: the product's usage tips (none for most products)."""
    tips = TIPS.get(KEY_BY_UPC.get(product.upc, ""), [])
    return [{"type": "usage_tip", "value": {"heading": heading, "text": text}} for heading, text in tips]
