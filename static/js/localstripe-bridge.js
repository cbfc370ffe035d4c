/* Development and tests only (loaded when STRIPE_API_BASE points at localstripe, after its
 * Stripe.js stand-in; production loads the real https://js.stripe.com/v3/ and never this).
 *
 * Real Stripe.js cannot run here (no internet), and localstripe's stand-in confirmCardPayment
 * only shows a 3-D Secure dialog for an already confirmed PaymentIntent. This wrapper makes
 * confirmCardPayment(secret, {payment_method: {card}}) behave like Stripe.js: tokenise the card
 * at localstripe, let the shop confirm the PaymentIntent with it (commerce/payments/
 * localstripe_bridge.py), then run the stand-in's 3-D Secure dialog when the bank asks for it.
 * It resolves to {paymentIntent} or {error}, as Stripe.js does. */
(function () {
  "use strict";
  const confirmUrl = document.currentScript.dataset.confirmUrl;
  const StandIn = window.Stripe;

  function csrfToken() {
    const field = document.querySelector("input[name=csrfmiddlewaretoken]");
    return field ? field.value : "";
  }

  window.Stripe = function (publishableKey, options) {
    const stripe = StandIn(publishableKey, options);
    const authenticate = stripe.confirmCardPayment;
    stripe.confirmCardPayment = async function (clientSecret, data) {
      const card = data && data.payment_method && data.payment_method.card;
      if (!card || !card.value) {
        return { error: { code: "incorrect_number", message: "card details missing" } };
      }
      const tokenised = await stripe.createToken(card);
      if (tokenised.error) return { error: tokenised.error };
      const response = await fetch(confirmUrl, {
        method: "POST",
        headers: { "X-CSRFToken": csrfToken() },
        body: new URLSearchParams({ client_secret: clientSecret, token: tokenised.token.id }),
        credentials: "same-origin",
      });
      const result = await response.json();
      if (result.error || result.paymentIntent.status !== "requires_action") return result;
      return authenticate(clientSecret);
    };
    return stripe;
  };
})();
