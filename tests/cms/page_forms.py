"""Form data for the Wagtail page editor, as a browser would post it."""

from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield


def product_page_edit_form(page, publish=False, **changes):
    """The ProductPage edit form with the page's current values; ``changes`` override fields."""
    items = list(page.gallery_images.all())
    exclusions = list(page.recommendation_exclusions.all())
    fields = {
        "title": page.title,
        "slug": page.slug,
        "product": page.product_id,
        "intro": page.intro,
        "description": rich_text(page.description),
        "specifications": streamfield([]),
        "experience": streamfield([]),
        "seo_title": "",
        "search_description": "",
        "canonical_url": "",
        "og_image": "",
        "go_live_at": "",
        "expire_at": "",
        "comments": inline_formset([]),
        "gallery_images": inline_formset(
            [
                {"id": item.pk, "image": item.image_id, "caption": item.caption, "ORDER": str(n)}
                for n, item in enumerate(items)
            ],
            initial=len(items),
        ),
        "recommendation_exclusions": inline_formset(
            [{"id": item.pk, "product": item.product_id} for item in exclusions], initial=len(exclusions)
        ),
    }
    fields.update(changes)
    data = nested_form_data(fields)
    if publish:
        data["action-publish"] = "action-publish"
    return data
