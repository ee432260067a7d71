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

  // a list's header box ticks or unticks every row box of its form; without script the form's
  // own choice of rows (all on the page, all matching) does the same
  function selectAll(root) {
    root.querySelectorAll("input[data-select-all]").forEach(function (box) {
      var form = box.form;
      var name = box.getAttribute("data-select-all");
      if (!form || box.dataset.coresReady) {
        return;
      }
      box.dataset.coresReady = "1";
      box.hidden = false;
      box.addEventListener("change", function () {
        form.querySelectorAll('input[type="checkbox"][name="' + name + '"]').forEach(function (row) {
          row.checked = box.checked;
        });
      });
    });
  }

  // "0 of 50 selected" next to a list's bulk action, as Django's admin says it: the row boxes
  // ticked, or every row when the form's choice of rows (data-rows-choice) is all on the page or
  // all matching (data-matching of them). Without script the span stays empty, never wrong. It
  // becomes a polite live region when the form is first used (focused, pressed, or changed, by an
  // assistive technology's click too), so that the count filled in at load is not announced and
  // every change after is.
  function selectedCount(root) {
    root.querySelectorAll("[data-selected-count]").forEach(function (counter) {
      var form = counter.closest("form");
      if (!form || counter.dataset.coresReady) {
        return;
      }
      counter.dataset.coresReady = "1";
      var name = counter.getAttribute("data-selected-count");
      var choice = document.getElementById(counter.getAttribute("data-rows-choice"));
      var update = function () {
        var boxes = form.querySelectorAll('input[type="checkbox"][name="' + name + '"]');
        var ticked = 0;
        boxes.forEach(function (box) {
          if (box.checked) {
            ticked += 1;
          }
        });
        var chosen = choice ? choice.value : "";
        if (chosen === "all") {
          counter.textContent = "All " + counter.getAttribute("data-matching") + " selected";
        } else {
          var selected = chosen === "page" ? boxes.length : ticked;
          counter.textContent = selected + " of " + boxes.length + " selected";
        }
      };
      var live = function () {
        counter.setAttribute("aria-live", "polite");
      };
      ["focusin", "pointerdown", "keydown"].forEach(function (type) {
        form.addEventListener(type, live, { once: true });
      });
      // after the header box's own listener has ticked the rows: this one is the form's
      form.addEventListener("change", function () {
        live();
        update();
      });
      update();
    });
  }

  function enhance(root) {
    copyButtons(root);
    autoSubmitted(root);
    selectAll(root);
    selectedCount(root);
  }

  document.addEventListener("DOMContentLoaded", function () {
    enhance(document);
  });
  // a field left at its default (data-default) stays out of the address htmx requests and
  // pushes, as it is out of the page's own links; without script the page redirects to that address
  document.addEventListener("htmx:configRequest", function (event) {
    var form = event.detail.elt;
    var data = event.detail.formData;
    if (!form.querySelectorAll || !data) {
      return;
    }
    form.querySelectorAll("[data-default][name]").forEach(function (field) {
      if (data.getAll(field.name).length === 1 && data.get(field.name) === field.dataset.default) {
        data.delete(field.name);
      }
    });
  });
  document.addEventListener("htmx:afterSettle", function (event) {
    enhance(event.target);
  });
})();
