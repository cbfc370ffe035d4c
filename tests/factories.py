"""factory-boy factories for the shop's catalogue, stock and users, reusable by every test.

Prices on stock records are consumer prices incl. VAT (N2), as the shop owner enters them.

    product = ProductFactory(price=Decimal("1234.56"), categories=[CategoryFactory(name="Audio")])
    parent = ParentProductFactory(children=[("S", "4.99"), ("M", "9.99")])
"""

from decimal import Decimal

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils.text import slugify
from oscar.core.loading import get_model

from commerce.catalogue.models import VatClass
from commerce.catalogue.withdrawal_exceptions import WithdrawalException

Category = get_model("catalogue", "Category")
Partner = get_model("partner", "Partner")
Product = get_model("catalogue", "Product")
ProductCategory = get_model("catalogue", "ProductCategory")
ProductClass = get_model("catalogue", "ProductClass")
StockRecord = get_model("partner", "StockRecord")


class ProductClassFactory(factory.django.DjangoModelFactory):
    """An everyday product class: 21 % VAT, 14 days to withdraw."""

    class Meta:
        model = ProductClass
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Dagelijkse spullen {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))
    requires_shipping = True
    track_stock = True
    vat_class = VatClass.STANDARD
    withdrawal_exception = WithdrawalException.NONE

    class Params:
        # ProductClassFactory(perishable=True): chocolates and the like (W13 d, 9 %).
        perishable = factory.Trait(
            name="Bederfelijke cadeaus",
            vat_class=VatClass.REDUCED,
            withdrawal_exception=WithdrawalException.PERISHABLE,
        )
        # Sealed software (W13 i): returnable while the seal is intact.
        sealed_software = factory.Trait(
            name="Verzegelde software",
            withdrawal_exception=WithdrawalException.SEALED_MEDIA,
        )
        books = factory.Trait(name="Boeken", vat_class=VatClass.REDUCED)
        # A service without stock (cloud backup bundles); no exception until fully performed.
        service = factory.Trait(name="Diensten", requires_shipping=False, track_stock=False)


class CategoryFactory(factory.django.DjangoModelFactory):
    """A category; pass parent=<Category> for a subcategory (treebeard places the node)."""

    class Meta:
        model = Category

    name = factory.Sequence(lambda n: f"Categorie {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))
    is_public = True
    parent = None

    @classmethod
    def _create(cls, model_class, *args, parent=None, **kwargs):
        if parent is not None:
            return parent.add_child(**kwargs)
        return model_class.add_root(**kwargs)


class PartnerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Partner
        django_get_or_create = ("name",)

    name = "Winkelier magazijn"


class StockRecordFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StockRecord

    product = None
    partner = factory.SubFactory(PartnerFactory)
    partner_sku = factory.Sequence(lambda n: f"WKL-{n:05d}")
    price_currency = "EUR"
    price = Decimal("29.95")
    num_in_stock = 25


def not_an_ean13(twelve_digits):
    """The 12 digits with the wrong EAN-13 check digit: a factory product has no GTIN by chance
    (one sequence number in ten would otherwise be a valid EAN-13); tests that want one pass
    upc=<a real EAN-13>."""
    checksum = sum(int(digit) * (3 if i % 2 else 1) for i, digit in enumerate(twelve_digits))
    return f"{twelve_digits}{(10 - checksum % 10 + 1) % 10}"


class ProductFactory(factory.django.DjangoModelFactory):
    """A public standalone product with one stock record.

    price: the consumer price incl. VAT (None: no stock record at all);
    num_in_stock: units in the warehouse; categories: list of Category.
    """

    class Meta:
        model = Product
        skip_postgeneration_save = True

    structure = Product.STANDALONE
    title = factory.Sequence(lambda n: f"Product {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.title))
    upc = factory.Sequence(lambda n: not_an_ean13(f"87{n:010d}"))
    description = "<p>Een degelijk product dat lang meegaat.</p>"
    supplier_text = "Tekst van de leverancier."
    is_public = True
    product_class = factory.SubFactory(ProductClassFactory)

    price = Decimal("29.95")
    num_in_stock = 25

    @factory.post_generation
    def stockrecord(self, create, extracted, **kwargs):
        if not create or self.is_parent:
            return
        price = self._price
        if price is not None:
            StockRecordFactory(product=self, price=Decimal(str(price)), num_in_stock=self._num_in_stock)

    @factory.post_generation
    def categories(self, create, extracted, **kwargs):
        if create and extracted:
            for category in extracted:
                ProductCategory.objects.create(product=self, category=category)

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        price = kwargs.pop("price", Decimal("29.95"))
        num_in_stock = kwargs.pop("num_in_stock", 25)
        product = super()._create(model_class, *args, **kwargs)
        product._price, product._num_in_stock = price, num_in_stock
        return product


class ParentProductFactory(ProductFactory):
    """A parent product with variants (Oscar child products), e.g. cloud backup sizes.

    children: list of (title, price incl. VAT) pairs; each child gets its own stock record.
    """

    structure = Product.PARENT
    title = factory.Sequence(lambda n: f"Cloud-back-up {n}")
    price = None

    @factory.post_generation
    def children(self, create, extracted, **kwargs):
        if not create:
            return
        for title, price in extracted or [("100 GB", "4.99"), ("1 TB", "9.99")]:
            ProductFactory(
                parent=self,
                structure=Product.CHILD,
                product_class=None,
                title=title,
                slug=slugify(f"{self.title} {title}"),
                description="",
                price=Decimal(str(price)),
            )


class UserFactory(factory.django.DjangoModelFactory):
    """A shopper (or staff member: groups=["Editors"]); the password is "winkelier-test"."""

    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"klant{n}@example.nl")
    first_name = "Sanne"
    last_name = "de Vries"
    password = factory.django.Password("winkelier-test")
    is_active = True

    @factory.post_generation
    def groups(self, create, extracted, **kwargs):
        if create and extracted:
            for name in extracted:
                self.groups.add(Group.objects.get_or_create(name=name)[0])


PASSWORD = "winkelier-test"
