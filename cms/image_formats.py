"""Rich-text image formats that show the placeholder once an image's licence has run out (S6).

Wagtail imports every app's ``image_formats`` module when it first needs the formats. Its
three default formats (full width, left, right) are registered again here with the same
name, label, class and size, rendering ``cms.image_placeholders``' placeholder on the live
site for a withdrawn image; in the admin's editor the image itself stays visible.
"""

from wagtail.images import formats
from wagtail.images.formats import Format, register_image_format, unregister_image_format

from cms.image_placeholders import on_display, placeholder_tag


class LicensedFormat(Format):
    def image_to_html(self, image, alt_text, extra_attributes=None):
        if on_display(image):
            return super().image_to_html(image, alt_text, extra_attributes)
        attrs = dict(extra_attributes or {})
        if self.classname:
            attrs["class"] = self.classname
        return placeholder_tag(image, self.filter_spec, alt_text, attrs)

    def image_to_editor_html(self, image, alt_text):
        # The editor shows the real image, so the editor sees what to replace.
        return Format.image_to_html(self, image, alt_text, self.editor_attributes(image, alt_text))


# formats.FORMATS, not get_image_formats(): Wagtail is importing this module from inside that search.
for image_format in list(formats.FORMATS):
    if not isinstance(image_format, LicensedFormat):
        unregister_image_format(image_format.name)
        register_image_format(
            LicensedFormat(
                image_format.name, image_format.label, image_format.classname, image_format.filter_spec
            )
        )
