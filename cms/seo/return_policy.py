"""The shop's real return policy (domain.md W1, W2, W11, W13) as schema.org MerchantReturnPolicy,
carried by every Offer of the Product JSON-LD (S3). The window comes from
``commerce.returns.policy``, the fees from ShopSettings."""

from cms.seo.json_ld import SCHEMA
from cms.seo.offers import money
from commerce.catalogue.withdrawal_exceptions import SEAL_DEPENDENT
from commerce.returns.policy import window_days
from home.models import ReturnShippingPaidBy


def return_policy(shop_settings, product_class=None):
    """The shop's real return policy (W1, W2, W11, W13) as MerchantReturnPolicy."""
    exception = getattr(product_class, "withdrawal_exception", "") or ""
    data = {"@type": "MerchantReturnPolicy", "applicableCountry": "NL"}
    if exception and exception not in SEAL_DEPENDENT:
        data["returnPolicyCategory"] = f"{SCHEMA}MerchantReturnNotPermitted"
        return data
    data.update(
        {
            "returnPolicyCategory": f"{SCHEMA}MerchantReturnFiniteReturnWindow",
            # Counted from delivery (W2), which is how merchantReturnDays is defined.
            "merchantReturnDays": window_days(shop_settings),
            "returnMethod": f"{SCHEMA}ReturnByMail",
            "refundType": f"{SCHEMA}FullRefund",
        }
    )
    if exception in SEAL_DEPENDENT:
        # W13 e/i: returnable while the seal is intact, i.e. unopened.
        data["itemCondition"] = f"{SCHEMA}NewCondition"
    if shop_settings.return_shipping_paid_by == ReturnShippingPaidBy.SHOP:
        data["returnFees"] = f"{SCHEMA}FreeReturn"
    else:
        data["returnFees"] = f"{SCHEMA}ReturnShippingFees"
        if shop_settings.return_shipping_cost is not None:
            data["returnShippingFeesAmount"] = {
                "@type": "MonetaryAmount",
                "value": money(shop_settings.return_shipping_cost),
                "currency": "EUR",
            }
    return data
