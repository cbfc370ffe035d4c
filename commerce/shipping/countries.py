"""The EU member states as Oscar shipping countries; the Netherlands is listed first.

Shipping migration 0004 creates them on every installation; the demo loader runs
ensure_countries again (idempotent)."""

from oscar.core.loading import get_model

Country = get_model("address", "Country")

# (alpha-2, alpha-3, numeric, printable name, official name)
EU_COUNTRIES = (
    ("NL", "NLD", "528", "Nederland", "Koninkrijk der Nederlanden"),
    ("BE", "BEL", "056", "België", "Koninkrijk België"),
    ("DE", "DEU", "276", "Duitsland", "Bondsrepubliek Duitsland"),
    ("LU", "LUX", "442", "Luxemburg", "Groothertogdom Luxemburg"),
    ("FR", "FRA", "250", "Frankrijk", "Franse Republiek"),
    ("AT", "AUT", "040", "Oostenrijk", "Republiek Oostenrijk"),
    ("BG", "BGR", "100", "Bulgarije", "Republiek Bulgarije"),
    ("CY", "CYP", "196", "Cyprus", "Republiek Cyprus"),
    ("CZ", "CZE", "203", "Tsjechië", "Tsjechische Republiek"),
    ("DK", "DNK", "208", "Denemarken", "Koninkrijk Denemarken"),
    ("EE", "EST", "233", "Estland", "Republiek Estland"),
    ("ES", "ESP", "724", "Spanje", "Koninkrijk Spanje"),
    ("FI", "FIN", "246", "Finland", "Republiek Finland"),
    ("GR", "GRC", "300", "Griekenland", "Helleense Republiek"),
    ("HR", "HRV", "191", "Kroatië", "Republiek Kroatië"),
    ("HU", "HUN", "348", "Hongarije", "Hongarije"),
    ("IE", "IRL", "372", "Ierland", "Ierland"),
    ("IT", "ITA", "380", "Italië", "Italiaanse Republiek"),
    ("LT", "LTU", "440", "Litouwen", "Republiek Litouwen"),
    ("LV", "LVA", "428", "Letland", "Republiek Letland"),
    ("MT", "MLT", "470", "Malta", "Republiek Malta"),
    ("PL", "POL", "616", "Polen", "Republiek Polen"),
    ("PT", "PRT", "620", "Portugal", "Portugese Republiek"),
    ("RO", "ROU", "642", "Roemenië", "Roemenië"),
    ("SE", "SWE", "752", "Zweden", "Koninkrijk Zweden"),
    ("SI", "SVN", "705", "Slovenië", "Republiek Slovenië"),
    ("SK", "SVK", "703", "Slowakije", "Slowaakse Republiek"),
)
# Higher sorts first in Oscar's country lists: home market, then the neighbours.
DISPLAY_ORDER = {"NL": 30, "BE": 20, "DE": 10}


def ensure_countries(country_model=Country) -> int:
    """Create or update the EU countries; returns how many were created. The shipping app's
    data migration passes its historical Country model."""
    created = 0
    for alpha2, alpha3, numeric, printable_name, name in EU_COUNTRIES:
        _country, was_created = country_model.objects.update_or_create(
            iso_3166_1_a2=alpha2,
            defaults={
                "iso_3166_1_a3": alpha3,
                "iso_3166_1_numeric": numeric,
                "printable_name": printable_name,
                "name": name,
                "display_order": DISPLAY_ORDER.get(alpha2, 0),
                "is_shipping_country": True,
            },
        )
        created += was_created
    return created
