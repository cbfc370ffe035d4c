"""A6's starting plan: one step of each kind for every customer, a warmer thank-you for a repeat
order and a cross-sell of its own for the best customers, to show how steps are made per segment
and first or repeat order. Staff edit, add and switch off steps in the admin ("Opvolgplan")."""

from django.db import migrations

SIGN_NL = "\n\nHartelijke groet,\n{medewerker}"
SIGN_EN = "\n\nWarm regards,\n{medewerker}"
# (kind, applies_to, segments, day, margin_days, marketing, subject_nl, body_nl, subject_en, body_en)
STEPS = [
    (
        "thank_you", "first", [], 0, 2, False,
        "Is alles goed aangekomen, {voornaam}?",
        "{aanhef},\n\nJe bestelling {bestelnummer} is bezorgd. Fijn dat je voor {winkel} koos! Klopt "
        "er iets niet, of heb je een vraag over {product}? Beantwoord deze mail, dan helpen we je "
        "meteen verder." + SIGN_NL,
        "Did everything arrive safely, {voornaam}?",
        "{aanhef},\n\nYour order {bestelnummer} has been delivered. Thank you for choosing {winkel}! "
        "Is something not right, or do you have a question about {product}? Reply to this e-mail and "
        "we will help you straight away." + SIGN_EN,
    ),
    (
        "thank_you", "repeat", [], 0, 2, False,
        "Fijn dat je er weer bent, {voornaam}",
        "{aanhef},\n\nJe bestelling {bestelnummer} is bezorgd. Wat leuk dat je opnieuw bij {winkel} "
        "bestelde! Is alles in orde? Beantwoord deze mail als je een vraag hebt." + SIGN_NL,
        "Good to have you back, {voornaam}",
        "{aanhef},\n\nYour order {bestelnummer} has been delivered. How nice that you ordered from "
        "{winkel} again! Is everything all right? Reply to this e-mail if you have a question." + SIGN_EN,
    ),
    (
        "usage_tips", "any", [], 3, 3, False,
        "Zo haal je het meeste uit {product}",
        "{aanhef},\n\nJe hebt {product} nu een paar dagen in huis. Dit zijn de tips die we zelf het "
        "handigst vinden." + SIGN_NL,
        "How to get the most out of {product}",
        "{aanhef},\n\nYou have had {product} for a few days now. These are the tips we find most "
        "useful ourselves." + SIGN_EN,
    ),
    (
        "review", "any", [], 10, 4, True,
        "Wat vind je van {product}?",
        "{aanhef},\n\nEen eerlijke mening van iemand die het echt gebruikt, helpt andere klanten "
        "kiezen. Heb je twee minuten voor een korte review? Kritiek is net zo welkom als lof." + SIGN_NL,
        "What do you think of {product}?",
        "{aanhef},\n\nAn honest opinion from someone who really uses it helps other customers choose. "
        "Do you have two minutes for a short review? Criticism is as welcome as praise." + SIGN_EN,
    ),
    (
        "cross_sell", "any", [], 14, 6, True,
        "Dit past goed bij {product}",
        "{aanhef},\n\nWie {product} kocht, koos hier vaak ook voor. Misschien iets voor jou?" + SIGN_NL,
        "These go well with {product}",
        "{aanhef},\n\nCustomers who bought {product} often chose these too. Something for you?" + SIGN_EN,
    ),
    (
        "cross_sell", "any", ["champions", "loyal"], 14, 6, True,
        "Voor jou uitgezocht, {voornaam}",
        "{aanhef},\n\nJe bent een van onze trouwste klanten, en daar zijn we blij mee. Bij {product} "
        "hebben we deze producten voor je uitgezocht." + SIGN_NL,
        "Picked for you, {voornaam}",
        "{aanhef},\n\nYou are one of our most loyal customers, and we are glad of it. To go with "
        "{product} we picked these products for you." + SIGN_EN,
    ),
    (
        "reorder", "any", [], 0, 7, True,
        "Is {product} bijna op?",
        "{aanhef},\n\nAls je {product} gebruikt zoals de meeste klanten, is het bijna op. Bestel je "
        "het nu opnieuw, dan heb je het op tijd weer in huis." + SIGN_NL,
        "Running low on {product}?",
        "{aanhef},\n\nIf you use {product} like most customers do, it is nearly finished. Order it "
        "again now and it will arrive in time." + SIGN_EN,
    ),
    (
        "win_back", "any", [], 0, 14, True,
        "We hebben je een tijdje niet gezien, {voornaam}",
        "{aanhef},\n\nHet is alweer even geleden dat je bij {winkel} bestelde. Sindsdien is er veel "
        "nieuws in de winkel; kijk gerust eens rond. Was je ergens niet tevreden over? Vertel het "
        "ons, daar leren we van." + SIGN_NL,
        "We have not seen you for a while, {voornaam}",
        "{aanhef},\n\nIt has been a while since you ordered from {winkel}. There is a lot that is new "
        "in the shop; do have a look. Was there something you were not happy with? Tell us, so we "
        "can learn from it." + SIGN_EN,
    ),
]


def create_plan(apps, schema_editor):
    FollowUpStep = apps.get_model("aftersales", "FollowUpStep")
    FollowUpStep.objects.bulk_create(
        FollowUpStep(
            kind=kind, applies_to=applies_to, segments=segments, day=day, margin_days=margin_days,
            marketing=marketing, subject_nl=subject_nl, body_nl=body_nl, subject_en=subject_en,
            body_en=body_en,
        )
        for kind, applies_to, segments, day, margin_days, marketing, subject_nl, body_nl, subject_en, body_en in STEPS
    )


def remove_plan(apps, schema_editor):
    apps.get_model("aftersales", "FollowUpStep").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("aftersales", "0008_follow_up_plan")]

    operations = [migrations.RunPython(create_plan, remove_plan)]
