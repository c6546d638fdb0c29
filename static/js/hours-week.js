// The week grid of welfare hours: totals per complex and per week as you type, last week's
// hours taken over in place, and a question before unsaved edits are left behind (the week
// buttons, leaving or reloading the page). No inline scripts: the Content-Security-Policy
// forbids them. Events are delegated, so a grid swapped in by htmx behaves the same.
(function () {
  "use strict";

  const SPACES = /^[\s\u00a0\u202f\u2009]+|[\s\u00a0\u202f\u2009]+$/g;
  const HOURS_LIMIT = 1000000;
  const MAX_LENGTH = 40;
  let leaving = false;

  // Hours as typed → hours in quarter hours, by the rules of leefbaarheid.numbers.parse_hours
  // ("1,5", "1.5", "1:30", ":45"; empty is 0); null where the server would refuse the value.
  function parseHours(typed) {
    const text = String(typed || "");
    if (text.length > MAX_LENGTH) {
      return null;
    }
    const value = text.replace(SPACES, "");
    if (value === "") {
      return 0;
    }
    let number;
    const clock = /^([0-9]*):([0-9]{1,2})$/.exec(value);
    const decimal = /^([0-9]*)(?:[.,]([0-9]+))?$/.exec(value);
    if (clock) {
      if (Number(clock[2]) >= 60) {
        return null;
      }
      number = Number(clock[1] || "0") + Number(clock[2]) / 60;
    } else if (decimal && (decimal[1] || decimal[2])) {
      number = Number((decimal[1] || "0") + "." + (decimal[2] || "0"));
    } else {
      return null;
    }
    if (!Number.isFinite(number) || number >= HOURS_LIMIT) {
      return null;
    }
    const rounded = Math.round(number * 4) / 4;
    if (number > 0 && rounded === 0) {
      return null;
    }
    return rounded;
  }

  // Hours as the server writes them: 4, 1,5, 1,25 (the separator of the page's language).
  function formatHours(hours, separator) {
    return String(Number(hours.toFixed(2))).replace(".", separator);
  }

  function grid() {
    return document.getElementById("hours-grid");
  }

  function updateTotals(form) {
    const separator = form.dataset.decimal || ",";
    let week = 0;
    form.querySelectorAll("tbody[data-group]").forEach(function (group) {
      let total = 0;
      group.querySelectorAll("input[data-hours]").forEach(function (input) {
        const hours = parseHours(input.value);
        if (hours !== null) {
          total += hours; // an unreadable value is not counted; the server will name it
        }
      });
      week += total;
      const shown = group.querySelector("[data-group-total]");
      if (shown) {
        shown.textContent = formatHours(total, separator);
      }
      const badge = group.querySelector("[data-norm-badge]");
      if (badge && group.dataset.norm) {
        const met = total >= Number(group.dataset.norm);
        badge.classList.toggle("text-bg-success", met);
        badge.classList.toggle("text-bg-danger", !met);
        badge.textContent = met ? badge.dataset.metText : badge.dataset.belowText;
      }
    });
    const weekShown = form.querySelector("[data-week-total]");
    if (weekShown) {
      weekShown.textContent = formatHours(week, separator);
    }
  }

  // An input differs from what is saved: the hidden "wh-"/"wn-" input beside it holds the
  // value the grid was drawn from, so values the server showed unsaved (after an error, or
  // last week taken over) count as unsaved too.
  function changed(input) {
    if (input.disabled || !input.form) {
      return false;
    }
    const saved = input.form.elements.namedItem("w" + input.name);
    if (!saved) {
      return false;
    }
    if (input.hasAttribute("data-hours")) {
      const hours = parseHours(input.value);
      return hours === null || hours !== Number(saved.value || "0");
    }
    return input.value.trim() !== saved.value.trim();
  }

  function unsaved() {
    const form = grid();
    if (!form) {
      return false;
    }
    return Array.from(form.querySelectorAll("input[data-hours], input[data-note]")).some(changed);
  }

  function takeOver(form) {
    form.querySelectorAll("input[data-previous]").forEach(function (input) {
      if (!input.disabled && input.value.trim() === "") {
        input.value = input.dataset.previous;
      }
    });
    updateTotals(form);
    const said = document.getElementById("hours-taken-over");
    if (said) {
      said.hidden = false;
    }
  }

  document.addEventListener("input", function (event) {
    const form = event.target.form;
    if (form && form.id === "hours-grid" && event.target.hasAttribute("data-hours")) {
      updateTotals(form);
    }
  });

  document.addEventListener("click", function (event) {
    const button = event.target.closest && event.target.closest("[data-take-over]");
    if (button && button.form) {
      event.preventDefault();
      takeOver(button.form);
    }
  });

  // Saving or submitting the grid itself is not leaving it.
  document.addEventListener("submit", function (event) {
    if (event.target.id === "hours-grid") {
      leaving = true;
    }
  });

  // The week buttons (previous, this, next week) swap the grid with htmx: ask first.
  document.addEventListener("htmx:confirm", function (event) {
    const element = event.detail.elt;
    if (!element.closest("[data-week-nav]") || !unsaved()) {
      return;
    }
    event.preventDefault();
    if (window.confirm(grid().dataset.leaveMessage)) {
      event.detail.issueRequest(true);
    }
  });

  window.addEventListener("beforeunload", function (event) {
    if (!leaving && unsaved()) {
      event.preventDefault();
      event.returnValue = "";
    }
  });

  window.addEventListener("pageshow", function () {
    leaving = false;
  });

  document.addEventListener("htmx:afterSettle", function () {
    const form = grid();
    if (form) {
      updateTotals(form);
    }
  });

  document.addEventListener("DOMContentLoaded", function () {
    const form = grid();
    if (form) {
      updateTotals(form);
    }
  });
})();
