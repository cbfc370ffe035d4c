"""The SEO report in the Wagtail admin (domain.md S1): titles and descriptions to fix.

Lists every live page whose search-engine title is missing or longer than 60 characters,
whose meta description is missing, shorter than 50 or longer than 160 characters, or whose
title or description another live page uses too. Editors (page add/change/publish
permission) see it under Reports; registered in cms/wagtail_hooks.py.
"""

from collections import Counter
from dataclasses import dataclass, field

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page
from wagtail.permissions import page_permission_policy

from cms.reports import PAGE_EDITOR_PERMISSIONS, Report
from cms.seo.text import DESCRIPTION_MAX, DESCRIPTION_MIN, TITLE_MAX, page_own_description, plain_text


@dataclass
class SeoIssue:
    page: Page
    title: str
    description: str
    problems: list = field(default_factory=list)


def seo_issues(pages=None):
    """One SeoIssue per live page with at least one title/description problem, in tree order."""
    if pages is None:
        pages = Page.objects.live().filter(depth__gt=1).specific().order_by("path")
    rows = []
    for page in pages:
        title = plain_text(getattr(page, "seo_pagetitle", "") or page.seo_title or page.title)
        # What the meta include prints before the shop-wide fallback: the SEO description,
        # else the page's own intro/description.
        description = plain_text(getattr(page, "seo_description", "")) or page_own_description(page)
        rows.append(SeoIssue(page, title, description))
    titles = Counter(row.title.lower() for row in rows if row.title)
    descriptions = Counter(row.description.lower() for row in rows if row.description)
    for row in rows:
        row.problems = title_problems(row.title, titles) + description_problems(row.description, descriptions)
    return [row for row in rows if row.problems]


def title_problems(title: str, titles: Counter) -> list[str | Promise]:
    """Missing, longer than 60 characters, or used by another page too (S1)."""
    problems: list[str | Promise] = []
    if not title:
        problems.append(_("Titel ontbreekt"))
    elif len(title) > TITLE_MAX:
        problems.append(_("Titel te lang (%(n)s tekens, max. 60)") % {"n": len(title)})
    if title and titles[title.lower()] > 1:
        problems.append(_("Titel dubbel"))
    return problems


def description_problems(description: str, descriptions: Counter) -> list[str | Promise]:
    """Missing, outside 50–160 characters, or used by another page too (S1)."""
    problems: list[str | Promise] = []
    if not description:
        problems.append(_("Beschrijving ontbreekt"))
    elif len(description) < DESCRIPTION_MIN:
        problems.append(_("Beschrijving te kort (%(n)s tekens, min. 50)") % {"n": len(description)})
    elif len(description) > DESCRIPTION_MAX:
        problems.append(_("Beschrijving te lang (%(n)s tekens, max. 160)") % {"n": len(description)})
    if description and descriptions[description.lower()] > 1:
        problems.append(_("Beschrijving dubbel"))
    return problems


class SeoReportView(Report):
    page_title = _("SEO: titels en beschrijvingen")
    header_icon = "search"
    menu_order = 1200
    template_name = "wagtailadmin/reports/base_report.html"
    results_template_name = "includes/seo/report_results.html"
    permission_policy = page_permission_policy
    any_permission_required = PAGE_EDITOR_PERMISSIONS
    list_export = ["page.title", "page.url", "title", "description", "problem_text"]
    export_headings = {
        "page.title": _("Pagina"),
        "page.url": _("URL"),
        "title": _("Titel"),
        "description": _("Beschrijving"),
        "problem_text": _("Problemen"),
    }

    def get_queryset(self):
        rows = seo_issues()
        for row in rows:
            row.problem_text = "; ".join(str(problem) for problem in row.problems)
        return rows
