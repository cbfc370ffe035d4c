/*
 * Live preview of a thank-you card's text on the task page (templates/aftersales/task.html).
 *
 * While staff type in the card's text, the text is sent (300 ms after the last key) to the
 * task's preview address, which answers {"message": the text with the merge fields filled in}
 * or {"error": why not}; the card box shows it (or data-failed when no answer came). Nothing is
 * saved: the form's button does that.
 */
(function () {
  "use strict";

  var WAIT_MS = 300;

  function connect(box) {
    var source = document.getElementById(box.dataset.source);
    var output = box.querySelector("[data-preview-output]");
    var error = box.querySelector("[data-preview-error]");
    if (!source || !source.form || !output) {
      return;
    }
    var token = source.form.querySelector("input[name=csrfmiddlewaretoken]");
    var timer = null;
    var running = null;

    function show(data) {
      if (data.message !== undefined) {
        output.textContent = data.message;
      }
      error.textContent = data.error || "";
      error.hidden = !data.error;
    }

    function refresh() {
      if (running) {
        running.abort(); // an older answer must not overwrite a newer one
      }
      running = new AbortController();
      var body = new FormData();
      body.append("message", source.value);
      output.setAttribute("aria-busy", "true");
      fetch(box.dataset.aftersalesPreview, {
        method: "POST",
        body: body,
        headers: { "X-CSRFToken": token ? token.value : "" },
        credentials: "same-origin",
        signal: running.signal,
      })
        .then(function (response) {
          return response.json();
        })
        .then(function (data) {
          output.removeAttribute("aria-busy");
          show(data);
        })
        .catch(function (reason) {
          if (reason.name !== "AbortError") {
            output.removeAttribute("aria-busy");
            show({ error: box.dataset.failed });
          }
        });
    }

    source.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(refresh, WAIT_MS);
    });
    if (box.hasAttribute("data-refresh")) {
      refresh(); // the page came back with the text as typed, not as saved
    }
  }

  document.querySelectorAll("[data-aftersales-preview]").forEach(connect);
})();
