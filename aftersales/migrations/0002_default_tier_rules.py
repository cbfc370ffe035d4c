"""A1's default rules, for the owner to edit: first order → card; every 10th order → note;
order or 12-month spend ≥ € 500 → small gift; order ≥ € 10.000 or a key account → personal gift."""

from decimal import Decimal

from django.db import migrations

CARD, NOTE, SMALL_GIFT, PERSONAL_GIFT = 1, 2, 3, 4
DEFAULTS = [
    {"condition": "first_order", "tier": CARD},
    {"condition": "every_nth_order", "every": 10, "tier": NOTE},
    {"condition": "order_total_at_least", "amount": Decimal("500.00"), "tier": SMALL_GIFT, "budget": Decimal("15.00")},
    {"condition": "spend_12_months_at_least", "amount": Decimal("500.00"), "tier": SMALL_GIFT, "budget": Decimal("15.00")},
    {"condition": "order_total_at_least", "amount": Decimal("10000.00"), "tier": PERSONAL_GIFT, "budget": Decimal("100.00")},
    {"condition": "key_account", "tier": PERSONAL_GIFT, "budget": Decimal("100.00")},
]


def create_defaults(apps, schema_editor):
    TierRule = apps.get_model("aftersales", "TierRule")
    if TierRule.objects.exists():
        return
    TierRule.objects.bulk_create(TierRule(sort_order=index, **rule) for index, rule in enumerate(DEFAULTS))


class Migration(migrations.Migration):
    dependencies = [("aftersales", "0001_initial")]

    operations = [migrations.RunPython(create_defaults, migrations.RunPython.noop)]
