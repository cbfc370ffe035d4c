"""The EU member states as shipping countries, the Netherlands first (display order).

The list lives in home/demo/countries.py (the demo loader keeps using it); this migration makes
every installation, not only the demo, able to take orders for the EU.
"""

from django.db import migrations

from home.demo.countries import DISPLAY_ORDER, EU_COUNTRIES


def add_countries(apps, schema_editor):
    Country = apps.get_model("address", "Country")
    for alpha2, alpha3, numeric, printable_name, name in EU_COUNTRIES:
        Country.objects.update_or_create(
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


class Migration(migrations.Migration):
    dependencies = [
        ("shipping", "0003_auto_20181115_1953"),
        ("address", "0007_useraddress_code"),
    ]

    operations = [migrations.RunPython(add_countries, migrations.RunPython.noop)]
