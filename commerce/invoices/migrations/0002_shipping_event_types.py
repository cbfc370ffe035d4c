"""The shipping event types dispatch and delivery rely on (commerce/order/shipments.py)."""

from django.db import migrations

EVENT_TYPES = {"dispatched": "Verzonden", "delivered": "Afgeleverd"}


def create_event_types(apps, schema_editor):
    ShippingEventType = apps.get_model("order", "ShippingEventType")
    for code, name in EVENT_TYPES.items():
        ShippingEventType.objects.get_or_create(code=code, defaults={"name": name})


class Migration(migrations.Migration):
    dependencies = [("invoices", "0001_initial")]

    operations = [migrations.RunPython(create_event_types, migrations.RunPython.noop)]
