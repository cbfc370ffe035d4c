"""A4's starting texts: one per tier in Dutch and English, for staff to make their own. The
merge fields in braces are filled in per customer (aftersales/messages.py); the staff member's
first name is written under the message as the signature."""

from django.db import migrations

CARD, NOTE, SMALL_GIFT, PERSONAL_GIFT = 1, 2, 3, 4
DEFAULTS = {
    (CARD, "nl"): (
        "{aanhef},\n\nWat fijn dat je bij {winkel} hebt besteld! We hebben {product} met zorg "
        "voor je ingepakt en hopen dat je er lang plezier van hebt.\n\nHartelijke groet,"
    ),
    (CARD, "en"): (
        "{aanhef},\n\nThank you for ordering from {winkel}! We packed {product} with care and "
        "hope you will enjoy it for a long time.\n\nWarm regards,"
    ),
    (NOTE, "nl"): (
        "{aanhef},\n\nDit is alweer een mooie bestelling bij ons, en daar zijn we echt blij mee. "
        "Dank je dat je steeds weer voor {winkel} kiest.\n\nTot de volgende keer,"
    ),
    (NOTE, "en"): (
        "{aanhef},\n\nAnother order from you, and it makes us truly happy. Thank you for "
        "choosing {winkel} time and again.\n\nUntil next time,"
    ),
    (SMALL_GIFT, "nl"): (
        "{aanhef},\n\nBij bestelling {bestelnummer} stoppen we graag iets kleins extra, als dank "
        "voor je vertrouwen. Geniet ervan!\n\nHartelijke groet,"
    ),
    (SMALL_GIFT, "en"): (
        "{aanhef},\n\nWith order {bestelnummer} we included a small extra, to thank you for your "
        "trust. Enjoy!\n\nWarm regards,"
    ),
    (PERSONAL_GIFT, "nl"): (
        "{aanhef},\n\nWe wilden je niet zomaar bedanken. Dit cadeau hebben we speciaal voor je "
        "uitgezocht, met dank voor de fijne samenwerking.\n\nMet hartelijke groet,"
    ),
    (PERSONAL_GIFT, "en"): (
        "{aanhef},\n\nWe did not want to thank you in just any way. We chose this gift especially "
        "for you, with thanks for working together so well.\n\nKind regards,"
    ),
}


def create_defaults(apps, schema_editor):
    MessageTemplate = apps.get_model("aftersales", "MessageTemplate")
    for (tier, language), body in DEFAULTS.items():
        MessageTemplate.objects.get_or_create(tier=tier, language=language, defaults={"body": body})


class Migration(migrations.Migration):
    dependencies = [("aftersales", "0003_questions_notes_templates_and_work")]

    operations = [migrations.RunPython(create_defaults, migrations.RunPython.noop)]
