"""The EU member states as shipping countries, the Netherlands first (display order).

The list lives in commerce/shipping/countries.py (the demo loader uses it too); this
migration makes every installation, not only the demo, able to take orders for the EU.
"""

from django.db import migrations

from commerce.shipping.countries import ensure_countries


def add_countries(apps, schema_editor):
    ensure_countries(apps.get_model("address", "Country"))


class Migration(migrations.Migration):
    dependencies = [
        ("shipping", "0003_auto_20181115_1953"),
        ("address", "0007_useraddress_code"),
    ]

    operations = [migrations.RunPython(add_countries, migrations.RunPython.noop)]
