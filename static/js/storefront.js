/* Storefront behaviour that templates would otherwise write inline: the Content-Security-Policy
 * allows no inline event handlers (home/security.py).
 *   data-action="print"         prints the page (the model withdrawal form);
 *   data-action="history-back"  goes back a page (Oscar's "cancel" links; without script,
 *                               or without a page to go back to, the link's own href is used). */
(function () {
  "use strict";
  document.addEventListener("click", function (event) {
    const trigger = event.target.closest("[data-action]");
    if (!trigger) return;
    if (trigger.dataset.action === "print") {
      event.preventDefault();
      window.print();
    } else if (trigger.dataset.action === "history-back" && window.history.length > 1) {
      event.preventDefault();
      window.history.back();
    }
  });
})();
