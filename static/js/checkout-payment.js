/* Review-and-pay page: card (Stripe.js Card Element + confirmCardPayment, which handles
 * 3-D Secure) or iDEAL (redirect to the bank). A refusal is shown in the page, so the basket
 * and everything typed stay as they are. Messages come from the server in the shopper's
 * language (commerce/payments/refusals.py). */
(function () {
  "use strict";
  const form = document.getElementById("payment-form");
  if (!form) return;
  const config = JSON.parse(document.getElementById("payment-config").textContent);
  const errors = document.getElementById("payment-errors");
  const button = document.getElementById("pay-button");
  const busy = form.querySelector(".payment-busy");
  const stripe = Stripe(config.publishableKey);
  const card = stripe.elements().create("card", { hidePostalCode: true });
  card.mount("#card-element");

  // Only these PaymentIntent statuses mean "paid or authorised"; anything else (e.g.
  // requires_payment_method after failed 3-D Secure) is a refusal.
  const PAID = ["requires_capture", "succeeded", "processing"];

  function selectedMethod() {
    const checked = form.querySelector("input[name=method]:checked");
    return checked ? checked.value : "card";
  }

  function showMethod() {
    form.querySelectorAll("[data-method]").forEach(function (section) {
      section.hidden = section.dataset.method !== selectedMethod();
    });
  }

  function messageFor(error) {
    const codes = [error && error.decline_code, error && error.code];
    for (const code of codes) {
      if (code && config.messages[code]) return config.messages[code];
    }
    return config.messages["default"];
  }

  function setBusy(isBusy) {
    button.disabled = isBusy;
    busy.hidden = !isBusy;
  }

  function showError(message) {
    errors.textContent = message;
    errors.hidden = false;
    setBusy(false);
    errors.scrollIntoView({ block: "center" });
  }

  async function startPayment() {
    const response = await fetch(form.action, {
      method: "POST",
      headers: { "X-Requested-With": "fetch" },
      body: new FormData(form),
      credentials: "same-origin",
    });
    let body = {};
    try {
      body = await response.json();
    } catch (parseError) {
      body = { error: config.messages["default"] };
    }
    if (!response.ok && !body.error) body.error = config.messages["default"];
    return body;
  }

  async function payByCard(started) {
    const result = await stripe.confirmCardPayment(started.client_secret, {
      payment_method: { card: card, billing_details: config.billingDetails },
    });
    if (result.error) return showError(messageFor(result.error));
    const intent = result.paymentIntent;
    if (PAID.indexOf(intent.status) === -1) return showError(messageFor(intent.last_payment_error));
    window.location.assign(started.return_url + "?payment_intent=" + encodeURIComponent(intent.id));
  }

  form.addEventListener("change", showMethod);
  form.addEventListener("submit", async function (event) {
    event.preventDefault();
    errors.hidden = true;
    setBusy(true);
    try {
      const started = await startPayment();
      if (started.error) return showError(started.error);
      if (started.redirect_url) return window.location.assign(started.redirect_url);
      await payByCard(started);
    } catch (networkError) {
      showError(config.messages["default"]);
    }
  });
  showMethod();
})();
