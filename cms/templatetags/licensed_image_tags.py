"""``{% licensed_image image spec [attr=value ...] %}``: Wagtail's ``{% image %}`` for the storefront.

Same arguments as ``{% image %}`` (no ``as`` form); the image is rendered by Wagtail's own tag
while its licence is valid, and as the placeholder of ``cms.image_placeholders`` (same size,
same alt text, no rendition made) once it has run out (domain.md S6).
"""

from django import template
from wagtail.images.templatetags.wagtailimages_tags import ImageNode
from wagtail.images.templatetags.wagtailimages_tags import image as wagtail_image_tag

from cms.image_placeholders import on_display, placeholder_tag

register = template.Library()


class LicensedImageNode(ImageNode):
    def render(self, context):
        image = self.validate_image(context)
        if not image or on_display(image):
            return super().render(context)
        attrs = {name: value.resolve(context) for name, value in self.attrs.items()}
        alt = attrs.get("alt", image.default_alt_text)
        return placeholder_tag(image, "|".join(self.filter_specs), alt, attrs)


@register.tag
def licensed_image(parser, token):
    tag_name, *bits = token.split_contents()
    if "as" in bits:
        raise template.TemplateSyntaxError(f"{tag_name} renders an <img>; it has no 'as' form")
    # Wagtail's parser checks the filter specs and attributes; it knows the tag as "image".
    node = wagtail_image_tag(parser, template.base.Token(token.token_type, " ".join(["image", *bits])))
    return LicensedImageNode(node.image_expr, node.filter_specs, attrs=node.attrs)
