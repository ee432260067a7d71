/* Cores: small enhancements of pages that work without JavaScript too. Loaded as a file (the
   Content-Security-Policy allows no inline script). */
(function () {
  "use strict";

  // "Copy" buttons next to values that users paste elsewhere (calendar URL, a new API token)
  function copyButtons(root) {
    root.querySelectorAll("[data-copy]").forEach(function (button) {
      if (button.dataset.coresReady) {
        return;
      }
      button.dataset.coresReady = "1";
      button.hidden = false;
      button.addEventListener("click", function () {
        var source = document.getElementById(button.dataset.copy);
        if (!source || !navigator.clipboard) {
          return;
        }
        navigator.clipboard.writeText(source.value || source.textContent).then(function () {
          button.textContent = "Copied";
        });
      });
    });
  }

  // filter forms that htmx submits on change need no "Apply" button
  function autoSubmitted(root) {
    if (!window.htmx) {
      return;
    }
    root.querySelectorAll("[data-auto-submit] .cores-apply").forEach(function (button) {
      button.hidden = true;
    });
  }

  function enhance(root) {
    copyButtons(root);
    autoSubmitted(root);
  }

  document.addEventListener("DOMContentLoaded", function () {
    enhance(document);
  });
  document.addEventListener("htmx:afterSettle", function (event) {
    enhance(event.target);
  });
})();
