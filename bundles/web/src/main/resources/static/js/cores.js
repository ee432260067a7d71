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

  // an admin inline's "Add another" adds a blank row in place: a copy of the last blank row, its
  // names, ids and labels those of the next row (nic-new3-mac, "MAC of new NIC 3"), and the form's
  // count of blank rows one more. Without script the button, after Save (the form's default
  // button), posts the form, shown again with the row; here it moves under its rows, posting nothing
  function addRows(root) {
    root.querySelectorAll("button[data-add-row]").forEach(function (button) {
      var section = document.querySelector("[data-inline='" + button.dataset.addRow + "']");
      var count = section && section.querySelector("input[data-new-rows]");
      if (button.dataset.coresReady || !count) {
        return;
      }
      button.dataset.coresReady = "1";
      button.type = "button";
      button.classList.add("cores-button--small");
      var place = document.createElement("p");
      place.appendChild(button);
      section.appendChild(place);
      button.addEventListener("click", function () {
        var rows = section.querySelectorAll("tr[data-new-row]");
        if (rows.length === 0) {
          return;
        }
        var last = rows[rows.length - 1];
        var number = parseInt(last.dataset.newRow, 10);
        var model = section.dataset.inline;
        var from = model + "-new" + (number === 1 ? "" : number) + "-";
        var to = model + "-new" + (number + 1) + "-";
        var row = last.cloneNode(true);
        row.dataset.newRow = String(number + 1);
        row.querySelectorAll(".cores-error, .cores-picks, datalist option").forEach(function (gone) {
          gone.remove();
        });
        row.querySelectorAll("*").forEach(function (element) {
          element.classList.remove("cores-field--invalid");
          element.removeAttribute("aria-invalid");
          ["id", "name", "for", "list", "hx-target", "aria-describedby"].forEach(function (name) {
            var value = element.getAttribute(name);
            if (value !== null) {
              element.setAttribute(name, value.split(from).join(to));
            }
          });
          if (element.tagName === "LABEL") {
            element.textContent = element.textContent.replace(/ \d+$/, " " + (number + 1));
          } else if (element.tagName === "INPUT" && element.type === "checkbox") {
            element.checked = false;
          } else if (element.tagName === "SELECT") {
            element.selectedIndex = 0;
          } else if ("value" in element && element.tagName !== "BUTTON") {
            element.value = "";
          }
        });
        last.after(row);
        count.value = String(parseInt(count.value, 10) + 1);
        if (window.htmx) {
          window.htmx.process(row);
        }
        var first = row.querySelector("input:not([type=hidden]), select, textarea");
        if (first) {
          first.focus();
        }
      });
    });
  }

  function enhance(root) {
    copyButtons(root);
    autoSubmitted(root);
    selectAll(root);
    selectedCount(root);
    addRows(root);
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
