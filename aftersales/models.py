"""After-sales work (domain.md A1–A8): the owner's tier rules, the customers they are for,
one thank-you task per placed order, the customers' questions in the same queue, the message
templates and the notes staff keep about a customer.

The rules themselves live in aftersales/tiers.py; these models hold what the owner edits and
what staff work on. A customer is known by e-mail address, so guests and account holders are
one and the same customer across their orders.
"""

from csp.constants import UNSAFE_INLINE
from csp.decorators import csp_update
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.models import PreviewableMixin

from aftersales.followup_plan import Kind as PlanKind
from aftersales.followup_plan import OrderKind
from aftersales.messages import unknown_fields
from aftersales.rfm import Segment
from aftersales.tiers import Condition, Tier


class TierChoice(models.IntegerChoices):
    CARD = Tier.CARD, _("Kaartje")
    NOTE = Tier.NOTE, _("Handgeschreven briefje")
    SMALL_GIFT = Tier.SMALL_GIFT, _("Klein cadeau")
    PERSONAL_GIFT = Tier.PERSONAL_GIFT, _("Persoonlijk cadeau")


class TierRule(models.Model):
    """One of the owner's rules (A1): when it matches an order, the order earns its tier."""

    class ConditionChoice(models.TextChoices):
        FIRST_ORDER = Condition.FIRST_ORDER, _("Eerste bestelling")
        EVERY_NTH_ORDER = Condition.EVERY_NTH_ORDER, _("Elke N-de bestelling")
        ORDER_TOTAL_AT_LEAST = Condition.ORDER_TOTAL_AT_LEAST, _("Bestelbedrag minstens")
        SPEND_12_MONTHS_AT_LEAST = Condition.SPEND_12_MONTHS_AT_LEAST, _("Besteed in 12 maanden minstens")
        KEY_ACCOUNT = Condition.KEY_ACCOUNT, _("Klant is een sleutelklant")
        PRODUCT_CLASS = Condition.PRODUCT_CLASS, _("Productsoort in de bestelling")
        CATEGORY = Condition.CATEGORY, _("Categorie in de bestelling")

    sort_order = models.PositiveIntegerField(_("volgorde"), default=0)
    condition = models.CharField(_("voorwaarde"), max_length=32, choices=ConditionChoice.choices)
    amount = models.DecimalField(
        _("bedrag (incl. btw)"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    every = models.PositiveSmallIntegerField(_("elke N-de"), null=True, blank=True)
    product_class = models.ForeignKey(
        "catalogue.ProductClass",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        verbose_name=_("productsoort"),
    )
    category = models.ForeignKey(
        "catalogue.Category", on_delete=models.CASCADE, null=True, blank=True, verbose_name=_("categorie")
    )
    tier = models.PositiveSmallIntegerField(_("bedankje"), choices=TierChoice.choices)
    budget = models.DecimalField(
        _("budget (incl. btw)"),
        max_digits=10,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Voor een cadeau: wat het hoogstens mag kosten."),
    )
    active = models.BooleanField(_("actief"), default=True)

    class Meta:
        ordering = ["sort_order", "pk"]
        verbose_name = _("bedankregel")
        verbose_name_plural = _("bedankregels")

    def __str__(self):
        return f"{self.get_condition_display()} → {self.get_tier_display()}"

    def clean(self):
        """Each condition needs its one value (and no other), so every rule reads as meant."""
        needed = {
            Condition.EVERY_NTH_ORDER: "every",
            Condition.ORDER_TOTAL_AT_LEAST: "amount",
            Condition.SPEND_12_MONTHS_AT_LEAST: "amount",
            Condition.PRODUCT_CLASS: "product_class",
            Condition.CATEGORY: "category",
        }.get(Condition(self.condition))
        errors = {}
        for name in ("every", "amount", "product_class", "category"):
            given = getattr(self, name) is not None
            if name == needed and not given:
                errors[name] = _("Deze voorwaarde heeft dit nodig.")
            elif name != needed and given:
                errors[name] = _("Laat dit leeg bij deze voorwaarde.")
        if self.every is not None and self.every < 2:
            errors["every"] = _("Kies 2 of meer.")
        if errors:
            raise ValidationError(errors)


class Customer(models.Model):
    """A customer as after-sales sees them: by e-mail address, with or without an account."""

    email = models.EmailField(_("e-mailadres"), unique=True)  # stored lower-case
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="aftersales_customer",
    )
    key_account = models.BooleanField(_("sleutelklant"), default=False)
    # A8: decided once, at the first order that earns a thank-you; None until then.
    in_holdout = models.BooleanField(_("in de controlegroep"), null=True, blank=True)
    # A6: the latest of the customer's Consent statements, kept in step by aftersales/consent.py
    # so "may we send marketing?" is one column, not a look through the history.
    marketing_consent = models.BooleanField(_("toestemming voor marketingmail"), default=False)
    consent_changed_at = models.DateTimeField(_("toestemming gewijzigd op"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("klant")
        verbose_name_plural = _("klanten")

    def __str__(self):
        return self.email


class CustomerNote(models.Model):
    """What staff want to remember about a customer ("houdt van pure chocola")."""

    customer = models.ForeignKey(Customer, on_delete=models.CASCADE, related_name="notes")
    text = models.TextField(_("notitie"), max_length=2000)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("notitie")
        verbose_name_plural = _("notities")

    def __str__(self):
        return self.text[:60]


class Task(models.Model):
    """Work for after-sales staff: the thank-you an order earned (A1–A3) or a customer's
    question about an order (A7)."""

    class Kind(models.TextChoices):
        THANK_YOU = "thank_you", _("Bedankje")
        QUESTION = "question", _("Vraag")

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        AWAITING_APPROVAL = "awaiting_approval", _("Wacht op akkoord")
        CLAIMED = "claimed", _("Opgepakt")
        STARTED = "started", _("Bezig")
        PRINTED = "printed", _("Geprint")
        SENT = "sent", _("Verstuurd")
        SKIPPED = "skipped", _("Overgeslagen")
        HELD_OUT = "held_out", _("Controlegroep: geen bedankje")  # A8, never shown in the queue

    kind = models.CharField(_("soort"), max_length=16, choices=Kind.choices, default=Kind.THANK_YOU)
    order = models.ForeignKey(
        "order.Order", on_delete=models.CASCADE, related_name="aftersales_tasks", verbose_name=_("bestelling")
    )
    customer = models.ForeignKey(Customer, on_delete=models.CASCADE, related_name="tasks")
    tier = models.PositiveSmallIntegerField(_("bedankje"), choices=TierChoice.choices, null=True, blank=True)
    budget = models.DecimalField(_("budget"), max_digits=10, decimal_places=2, null=True, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.OPEN)
    due_on = models.DateField(_("uiterlijk"), db_index=True)  # A2
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="aftersales_tasks",
        verbose_name=_("opgepakt door"),
    )
    claimed_at = models.DateTimeField(null=True, blank=True)
    # A3: the message for this customer when staff changed the tier's template; empty = template.
    message = models.TextField(_("eigen tekst"), blank=True, max_length=2000)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("akkoord van"),
    )
    approved_budget = models.DecimalField(
        _("goedgekeurd budget"), max_digits=10, decimal_places=2, null=True, blank=True
    )
    printed_at = models.DateTimeField(_("geprint op"), null=True, blank=True)
    sent_on = models.DateField(_("verstuurd op"), null=True, blank=True)
    sent_what = models.CharField(_("wat is verstuurd"), max_length=200, blank=True)
    cost = models.DecimalField(
        _("kosten (incl. btw)"), max_digits=10, decimal_places=2, null=True, blank=True
    )
    skip_reason = models.CharField(_("reden"), max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("taak")
        verbose_name_plural = _("taken")
        ordering = ["due_on", "pk"]
        constraints = [
            # A1: exactly one thank-you per order, however often the placement task runs.
            models.UniqueConstraint(
                fields=["order"], condition=models.Q(kind="thank_you"), name="one_thank_you_per_order"
            )
        ]
        indexes = [models.Index(fields=["status", "due_on"])]
        permissions = [("approve_gift", _("Persoonlijk cadeau goedkeuren"))]

    def __str__(self):
        return f"{self.get_kind_display()} {self.order.number}"


class Question(models.Model):
    """A customer's question about an order (A7), asked with the form on the order page; its
    task puts it in the same queue as the thank-yous."""

    class Subject(models.TextChoices):
        DELIVERY = "delivery", _("Levering")
        PRODUCT = "product", _("Een product")
        INVOICE = "invoice", _("Factuur of betaling")
        RETURN = "return", _("Retour of ruilen")
        OTHER = "other", _("Iets anders")

    class Channel(models.TextChoices):
        EMAIL = "email", _("E-mail")
        PHONE = "phone", _("Telefoon")
        WHATSAPP = "whatsapp", _("WhatsApp")

    task = models.OneToOneField(Task, on_delete=models.CASCADE, related_name="question")
    subject = models.CharField(_("onderwerp"), max_length=16, choices=Subject.choices)
    body = models.TextField(_("vraag"), max_length=3000)
    channel = models.CharField(
        _("antwoord via"), max_length=16, choices=Channel.choices, default=Channel.EMAIL
    )
    phone = models.CharField(_("telefoonnummer"), max_length=32, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("vraag")
        verbose_name_plural = _("vragen")

    def __str__(self):
        return f"{self.get_subject_display()}: {self.body[:60]}"


class Answer(models.Model):
    """Staff's e-mailed answer to a question; the e-mail itself is kept in the order's
    communication log."""

    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="answers")
    body = models.TextField(_("antwoord"), max_length=5000)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("antwoord")
        verbose_name_plural = _("antwoorden")

    def __str__(self):
        return self.body[:60]


class MessageTemplate(models.Model):
    """The message written on a tier's card (A4), one per tier and language, edited by staff.
    Merge fields in braces (aftersales/messages.py) are filled in per customer."""

    tier = models.PositiveSmallIntegerField(_("bedankje"), choices=TierChoice.choices)
    language = models.CharField(_("taal"), max_length=8, choices=settings.LANGUAGES)
    body = models.TextField(_("tekst"), max_length=2000)

    class Meta:
        ordering = ["tier", "language"]
        verbose_name = _("kaarttekst")
        verbose_name_plural = _("kaartteksten")
        constraints = [
            models.UniqueConstraint(fields=["tier", "language"], name="one_template_per_tier_language")
        ]

    def __str__(self):
        return f"{self.get_tier_display()} ({self.get_language_display()})"

    def clean(self):
        unknown = unknown_fields(self.body)
        if unknown:
            raise ValidationError(
                {"body": _("Onbekende invulvelden: %(fields)s.") % {"fields": ", ".join(unknown)}}
            )


# --- Marketing consent (A6, issue 13 item 3) ---------------------------------------------------


class Consent(models.Model):
    """One statement of a customer about marketing e-mail: given or withdrawn, when, and where.

    The history is the proof of consent (GDPR art. 7(1)); Customer.marketing_consent holds the
    latest statement. Kept minimal: what, when, source; no IP address or browser.
    """

    class Source(models.TextChoices):
        CHECKOUT = "checkout", _("Afrekenen")
        ACCOUNT = "account", _("Account")
        NEWSLETTER = "newsletter", _("Aanmelding nieuwsbrief")
        UNSUBSCRIBE_LINK = "unsubscribe_link", _("Afmeldlink")
        STAFF = "staff", _("Medewerker")

    customer = models.ForeignKey(Customer, on_delete=models.CASCADE, related_name="consents")
    given = models.BooleanField(_("toestemming"))
    at = models.DateTimeField(_("wanneer"), db_index=True)
    source = models.CharField(_("bron"), max_length=20, choices=Source.choices)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("toestemming")
        verbose_name_plural = _("toestemmingen")

    def __str__(self):
        return f"{self.customer}: {'+' if self.given else '-'} {self.get_source_display()}"


# --- The after-sales dashboard (A8; issue 13 item 5) --------------------------------------------


class DashboardFigures(models.Model):
    """The dashboard's figures of one preset period (aftersales/dashboard.py), as last computed
    (aftersales/metrics.py, nightly and on demand): the page only reads them, so it is fast
    whatever the number of orders."""

    period = models.CharField(_("periode"), max_length=16, unique=True)
    since = models.DateField(_("van"))
    until = models.DateField(_("tot en met"))
    computed_at = models.DateTimeField(_("berekend op"))
    figures = models.JSONField(_("cijfers"))

    class Meta:
        verbose_name = _("dashboardcijfers")
        verbose_name_plural = _("dashboardcijfers")
        default_permissions = ()  # no one edits them; they are computed
        permissions = [
            ("view_dashboard", _("Het after-sales-dashboard bekijken")),
            ("refresh_dashboard", _("De cijfers van het dashboard nu laten bijwerken")),
        ]

    def __str__(self):
        return f"{self.period}: {self.since} – {self.until}"


# -- RFM segments (domain.md A5) ------------------------------------------------------------
# The rules are in aftersales/rfm.py, the nightly computation in aftersales/segmenting.py.


class SegmentChoice(models.TextChoices):
    """A5's groups, best first, and Prospects (no order yet); the keys are rfm.Segment's."""

    CHAMPIONS = Segment.CHAMPIONS, _("Kampioenen")
    LOYAL = Segment.LOYAL, _("Trouwe klanten")
    POTENTIAL_LOYALISTS = Segment.POTENTIAL_LOYALISTS, _("Bijna trouwe klanten")
    NEW = Segment.NEW, _("Nieuwe klanten")
    PROMISING = Segment.PROMISING, _("Veelbelovend")
    NEED_ATTENTION = Segment.NEED_ATTENTION, _("Aandacht nodig")
    ABOUT_TO_SLEEP = Segment.ABOUT_TO_SLEEP, _("Bijna ingeslapen")
    AT_RISK = Segment.AT_RISK, _("In gevaar")
    CANT_LOSE = Segment.CANT_LOSE, _("Niet kwijtraken")
    HIBERNATING = Segment.HIBERNATING, _("Winterslaap")
    LOST = Segment.LOST, _("Verloren")
    PROSPECTS = Segment.PROSPECTS, _("Nog geen bestelling")


class CustomerScore(models.Model):
    """A customer's RFM values, scores and segment as last computed (one row per customer;
    values and scores empty for a prospect)."""

    customer = models.OneToOneField(
        Customer, on_delete=models.CASCADE, primary_key=True, related_name="score", verbose_name=_("klant")
    )
    recency_days = models.PositiveIntegerField(_("dagen sinds laatste bestelling"), null=True, blank=True)
    frequency = models.PositiveIntegerField(_("aantal bestellingen"), default=0)
    monetary = models.DecimalField(
        _("besteed (incl. btw, min terugbetalingen)"), max_digits=14, decimal_places=2, default=0
    )
    recency_score = models.PositiveSmallIntegerField(_("R"), null=True, blank=True)
    frequency_score = models.PositiveSmallIntegerField(_("F"), null=True, blank=True)
    monetary_score = models.PositiveSmallIntegerField(_("M"), null=True, blank=True)
    segment = models.CharField(_("segment"), max_length=24, choices=SegmentChoice.choices, db_index=True)
    scored_on = models.DateField(_("berekend op"))  # the day counted from (Europe/Amsterdam)

    class Meta:
        verbose_name = _("RFM-score")
        verbose_name_plural = _("RFM-scores")
        default_permissions = ()  # no one edits them; they are computed
        permissions = [
            ("view_segments", _("De segmenten en hun klantenlijsten bekijken")),
            # GDPR: a file of e-mail addresses leaves the shop's systems, so only some may.
            ("export_customers", _("Klantenlijsten van een segment exporteren (CSV)")),
        ]

    def __str__(self):
        return f"{self.customer_id}: {self.segment}"


class SegmentChange(models.Model):
    """A customer moving into another segment (A5's history). A customer's first scoring is a
    change from no segment (empty), so the segment on any past day can be read back."""

    customer = models.ForeignKey(
        Customer, on_delete=models.CASCADE, related_name="segment_changes", db_index=False
    )
    from_segment = models.CharField(_("van"), max_length=24, choices=SegmentChoice.choices, blank=True)
    to_segment = models.CharField(_("naar"), max_length=24, choices=SegmentChoice.choices)
    changed_on = models.DateField(_("gewisseld op"), db_index=True)  # the day of the computation (Amsterdam)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-changed_on", "-pk"]
        verbose_name = _("segmentwissel")
        verbose_name_plural = _("segmentwissels")
        # A customer's history, and each customer's segment on a past day.
        indexes = [models.Index(fields=["customer", "changed_on"])]

    def __str__(self):
        return f"{self.from_segment or '—'} → {self.to_segment} ({self.changed_on})"


# -- The follow-up plan (domain.md A6) ------------------------------------------------------
# The rules are in aftersales/followup_plan.py, planning and sending in aftersales/followups.py.


class FollowUpKind(models.TextChoices):
    THANK_YOU = PlanKind.THANK_YOU, _("Bedankt (dag 0)")
    USAGE_TIPS = PlanKind.USAGE_TIPS, _("Gebruikstips (dag 3)")
    REVIEW = PlanKind.REVIEW, _("Vraag om een review (dag 10)")
    CROSS_SELL = PlanKind.CROSS_SELL, _("Past hier goed bij (dag 14-20)")
    REORDER = PlanKind.REORDER, _("Bijna op? (levensduur van het product)")
    WIN_BACK = PlanKind.WIN_BACK, _("We missen je (2× de gewone tussenpoos)")


LANGUAGE_NAMES = [("nl", _("Nederlands")), ("en", _("Engels"))]


class FollowUpStep(PreviewableMixin, models.Model):
    """One step of the owner's follow-up plan: which follow-up, for whom, when, and its e-mail in
    each language. Several steps of one kind may exist, e.g. a warmer cross-sell text for
    Champions; an order gets the most specific one (followup_plan.step_for)."""

    class AppliesTo(models.TextChoices):
        ANY = OrderKind.ANY, _("elke bestelling")
        FIRST = OrderKind.FIRST, _("eerste bestelling")
        REPEAT = OrderKind.REPEAT, _("herhaalbestelling")

    kind = models.CharField(_("soort"), max_length=16, choices=FollowUpKind.choices)
    applies_to = models.CharField(_("voor"), max_length=8, choices=AppliesTo.choices, default=AppliesTo.ANY)
    segments = models.JSONField(
        _("segmenten"),
        default=list,
        blank=True,
        help_text=_("Niets aangevinkt: voor iedereen. Een stap voor bepaalde segmenten gaat voor."),
    )
    day = models.PositiveSmallIntegerField(
        _("dag na levering"),
        default=0,
        validators=[MaxValueValidator(365)],
        help_text=_("Niet voor ‘Bijna op?’ en ‘We missen je’: die dag wordt per bestelling berekend."),
    )
    margin_days = models.PositiveSmallIntegerField(
        _("marge (dagen)"),
        default=3,
        validators=[MaxValueValidator(60)],
        help_text=_("Lukt versturen niet binnen zoveel dagen na de geplande dag, dan slaan we de stap over."),
    )
    marketing = models.BooleanField(
        _("marketingmail"),
        default=True,
        help_text=_("Alleen naar klanten met toestemming, met afmeldlink. Uit: hoort bij de bestelling."),
    )
    active = models.BooleanField(_("actief"), default=True)
    subject_nl = models.CharField(_("onderwerp (Nederlands)"), max_length=150)
    body_nl = models.TextField(_("tekst (Nederlands)"), max_length=3000)
    subject_en = models.CharField(_("onderwerp (Engels)"), max_length=150)
    body_en = models.TextField(_("tekst (Engels)"), max_length=3000)

    class Meta:
        ordering = ["kind", "pk"]
        verbose_name = _("opvolgstap")
        verbose_name_plural = _("opvolgplan")

    def __str__(self):
        parts = [self.get_kind_display(), self.get_applies_to_display()]
        if self.segments:
            labels = dict(SegmentChoice.choices)
            parts.append(", ".join(str(labels.get(code, code)) for code in self.segments))
        return " · ".join(str(part) for part in parts)

    def clean(self):
        unknown = {
            name: unknown_fields(getattr(self, name))
            for name in ("subject_nl", "body_nl", "subject_en", "body_en")
            if unknown_fields(getattr(self, name))
        }
        if unknown:
            raise ValidationError(
                {
                    name: _("Onbekend invulveld: %(fields)s")
                    % {"fields": ", ".join(f"{{{f}}}" for f in fields)}
                    for name, fields in unknown.items()
                }
            )

    @property
    def preview_modes(self):
        return [(code, _("E-mail in het %(language)s") % {"language": name}) for code, name in LANGUAGE_NAMES]

    def get_preview_template(self, request, mode_name):
        return "aftersales/follow_up_preview.html"

    def serve_preview(self, request, mode_name):
        # Wagtail serves a snippet's preview as a storefront request (no inline styles), but an
        # e-mail is styled inline, as mail clients need; scripts stay blocked.
        @csp_update({"style-src": [UNSAFE_INLINE]})
        def serve(request):
            return super(FollowUpStep, self).serve_preview(request, mode_name)

        return serve(request)

    def get_preview_context(self, request, mode_name):
        # Rendering the e-mail needs these models: imported here, not at the top.
        from aftersales.followup_mail import preview  # noqa: PLC0415

        return {**super().get_preview_context(request, mode_name), **preview(self, mode_name)}

    def text(self, language: str) -> tuple[str, str]:
        """(subject, body) in `language`; English falls back to Dutch while it is empty."""
        if language == "en" and self.subject_en.strip() and self.body_en.strip():
            return self.subject_en, self.body_en
        return self.subject_nl, self.body_nl


class FollowUp(models.Model):
    """One follow-up of one order's plan: planned for a day, then sent, skipped or ended, with why.
    An order has at most one of each kind, so however often the plan is made or a worker sends,
    a customer gets each step at most once per order."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("gepland")
        SENDING = "sending", _("wordt verstuurd")
        SENT = "sent", _("verstuurd")
        SKIPPED = "skipped", _("overgeslagen")
        ENDED = "ended", _("gestopt")

    customer = models.ForeignKey(Customer, on_delete=models.CASCADE, related_name="follow_ups")
    order = models.ForeignKey("order.Order", on_delete=models.CASCADE, related_name="follow_ups")
    kind = models.CharField(_("soort"), max_length=16, choices=FollowUpKind.choices)
    step = models.ForeignKey(FollowUpStep, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    due_on = models.DateField(_("gepland op"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.PLANNED)
    reason = models.CharField(_("reden"), max_length=255, blank=True)
    segment = models.CharField(_("segment"), max_length=24, choices=SegmentChoice.choices)
    first_order = models.BooleanField(_("eerste bestelling"))
    claimed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(_("verstuurd op"), null=True, blank=True, db_index=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["order", "due_on", "pk"]
        verbose_name = _("opvolging")
        verbose_name_plural = _("opvolgingen")
        constraints = [models.UniqueConstraint(fields=("order", "kind"), name="follow_up_once_per_order")]
        indexes = [models.Index(fields=["status", "due_on"])]

    def __str__(self):
        return f"{self.order_id} {self.kind}: {self.status}"
