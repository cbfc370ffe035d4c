"""The numbered rules of domain.md, as the tests refer to them: `@pytest.mark.rule("W2")`.

domain.md lives next to the repository (../shared/domain.md), not in it, so the ids are kept
here; tests/test_rules.py checks them against that file wherever it exists. A `rule` marker
with an id not listed here is a collection error (tests/conftest.py). `make rules` prints
every rule with its tests and fails when a built rule has none.

Titles are short reminders in our own words; domain.md has the full text.
"""

from dataclasses import dataclass

BUILT = "built"
PARTLY_BUILT = "partly built"
NOT_BUILT = "not built"


@dataclass(frozen=True)
class Rule:
    id: str
    title: str
    status: str = NOT_BUILT
    built_part: str = ""  # for a partly built rule: what exists so far

    @property
    def has_code(self) -> bool:
        return self.status != NOT_BUILT


_RULES = [
    # 1. Right of withdrawal
    Rule("W1", "14 days to withdraw, without a reason", BUILT),
    Rule("W2", "From the day after the last delivery (services: the order); longer, never shorter", BUILT),
    Rule("W3", "On time when the notice is sent; goods back within 14 days of it", BUILT),
    Rule("W4", "Any clear statement counts; online withdrawal confirmed by e-mail at once", BUILT),
    Rule("W5", "Confirmation e-mail carries the policy and the model form (else +12 months)", BUILT),
    Rule("W6", "A reason is never required, only asked as an optional question", BUILT),
    Rule("W7", "Opened or tried goods are never refused; only a recorded loss-of-value deduction", BUILT),
    Rule("W8", "Refund all payments incl. standard delivery within 14 days; surcharges kept", BUILT),
    Rule("W9", "Refund by the same means of payment; store credit only when chosen", BUILT),
    Rule("W10", "Refund may wait for the goods or a proof of sending", BUILT),
    Rule("W11", "Customer pays only the direct return cost, and only if told so; no restocking fees", BUILT),
    Rule("W12", "Model withdrawal form, offered as a web form and a printable PDF", BUILT),
    Rule("W13", "Exceptions per product class, shown before purchase; sealed goods while sealed", BUILT),
    Rule("W14", "Shop goal: refund within 4 days of arrival; due, overdue and escalated refunds", BUILT),
    Rule("W15", "Return flow offers an alternative, never as a condition", BUILT),
    Rule("W16", "Printable return slip, optional pick-up at the customer's address", BUILT),
    Rule("W17", "Return states, each transition an event with who, when and why", BUILT),
    Rule("W18", "Withdrawal button for the whole window, separate confirm, dated e-mail receipt", BUILT),
    # 2. After-sales
    Rule("A1", "A thank-you task per order, its tier decided by the owner's rules", BUILT),
    Rule("A2", "Thank-you task due before the invoice, in working days; overdue flagged", BUILT),
    Rule("A3", "Staff task queue: claim, send, skip, bulk-print cards, merge fields", BUILT),
    Rule("A4", "Message templates per tier, in Dutch and English", BUILT),
    Rule("A5", "RFM segments with named groups, recomputed nightly, kept as history", BUILT),
    Rule("A6", "Follow-up plan counted from delivery, with consent and one-click unsubscribe", BUILT),
    Rule("A7", "Questions about an order by e-mail, phone or form; a form question becomes a task", BUILT),
    Rule("A8", "After-sales monitoring, incl. the lift of thank-you cards against a hold-out", BUILT),
    # 3. Content and SEO
    Rule("S1", "One title (≤ 60), description (50–160), canonical, OG/Twitter tags; admin warns", BUILT),
    Rule("S2", "One public URL per product; any other URL answers 301", BUILT),
    Rule("S3", "JSON-LD: Product, BreadcrumbList, Article, Organization and WebSite", BUILT),
    Rule("S4", "sitemap.xml with lastmod, robots.txt; basket, checkout and account noindex", BUILT),
    Rule("S5", "Own text against supplier text and near-duplicates: score, warning, report", BUILT),
    Rule("S6", "Image licences recorded; unknown or expired blocks publishing; report", BUILT),
    Rule("S7", "Weekly columns: guest authors, tags, feeds, scheduling, related, products", BUILT),
    Rule("S8", "Product feed (Google Merchant) with the page's price and availability", BUILT),
    # 4. Dutch shop basics
    Rule("N1", "Storefront Dutch by default, English available; admin in the staff's language", BUILT),
    Rule("N2", "Prices incl. VAT in Dutch format; VAT per product class, kept on order lines", BUILT),
    Rule("N3", "Invoice PDF on dispatch: gap-free numbers, legal fields, VAT per rate; credit notes", BUILT),
    Rule("N4", "Closing days set in the admin, announced, skipped in the shop's own deadlines", BUILT),
]

RULES: dict[str, Rule] = {rule.id: rule for rule in _RULES}


def rule_ids(marker) -> tuple[str, ...]:
    """The ids one `rule` marker names; ValueError for no id, keywords or an id not in RULES."""
    if not marker.args or marker.kwargs:
        raise ValueError(f'a rule marker names one or more rule ids, e.g. rule("W2"), not {marker!r}')
    unknown = [rule_id for rule_id in marker.args if rule_id not in RULES]
    if unknown:
        raise ValueError(f"unknown rule id {', '.join(map(repr, unknown))}: see tests/rules.py for the ids")
    return marker.args


def listing(tests_of: dict[str, list[str]]) -> tuple[list[str], list[str]]:
    """The `make rules` report: each rule in order with its tests (`tests_of[id]`), then a summary.

    Returns the lines and the ids of the rules that have code (built or partly built) but no
    test: those fail the check. Rules not built yet and without tests are "not yet covered".
    """
    lines, untested, uncovered = [], [], []
    width = max(len(status) for status in (BUILT, PARTLY_BUILT, NOT_BUILT))
    for rule in RULES.values():
        tests = tests_of.get(rule.id, [])
        if tests:
            count = f"{len(tests)} test{'s' if len(tests) != 1 else ''}"
        elif rule.has_code:
            count = "NO TEST (fails the check)"
            untested.append(rule.id)
        else:
            count = "not yet covered"
            uncovered.append(rule.id)
        lines.append(f"{rule.id:<4} {rule.status:<{width}}  {rule.title}  [{count}]")
        if rule.built_part:
            lines.append(f"{'':<{width + 7}}built so far: {rule.built_part}")
        lines.extend(f"{'':<{width + 7}}{test}" for test in tests)
    with_code = [rule.id for rule in RULES.values() if rule.has_code]
    lines.append("")
    lines.append(
        f"{len(RULES)} rules: {len(with_code)} built or partly built, "
        f"{len(with_code) - len(untested)} of them with tests; "
        f"{len(RULES) - len(with_code)} not built yet."
    )
    if uncovered:
        lines.append(f"not yet covered: {' '.join(uncovered)}")
    if untested:
        lines.append(f"FAILED: built without a test: {' '.join(untested)}")
    return lines, untested
