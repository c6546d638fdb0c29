// Entering a stack of paper questionnaires from the keyboard: on an item, 1 = yes,
// 2 = more or less, 3 = no, 0 = not answered. Each choice moves on to the next item; after the
// last one the save button has the focus, so Enter saves. Arrow keys and Tab work as usual.
(function () {
  const KEYS = { "1": 0, "2": 1, "3": 2, "0": 3 };

  function radios(form, name) {
    return Array.from(form.querySelectorAll('input[type="radio"]')).filter(function (input) {
      return !name || input.name === name;
    });
  }

  document.addEventListener("keydown", function (event) {
    const input = event.target;
    if (!(input instanceof HTMLInputElement) || input.type !== "radio") {
      return;
    }
    const form = input.closest("form[data-survey-entry]");
    if (!form || !(event.key in KEYS) || event.ctrlKey || event.altKey || event.metaKey) {
      return;
    }
    const choice = radios(form, input.name)[KEYS[event.key]];
    if (!choice) {
      return;
    }
    event.preventDefault();
    choice.checked = true;
    const names = [];
    radios(form).forEach(function (radio) {
      if (names.indexOf(radio.name) === -1) {
        names.push(radio.name);
      }
    });
    const next = names[names.indexOf(input.name) + 1];
    if (next) {
      const group = radios(form, next);
      (group.find(function (radio) { return radio.checked; }) || group[0]).focus();
    } else {
      form.querySelector('[type="submit"]').focus();
    }
  });
})();
