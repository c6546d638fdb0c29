// Leefbaarheid's own behaviour. No inline scripts: the Content-Security-Policy forbids them.
document.addEventListener("htmx:responseError", function (event) {
  const target = event.detail.target;
  if (target) {
    target.setAttribute("aria-busy", "false");
  }
});

// A field wrapper with data-show-when="name=value" is shown only while that choice is made
// (for example "weekly until" only for a weekly booking). Without JavaScript it simply stays.
function syncConditionalFields(root) {
  root.querySelectorAll("[data-show-when]").forEach(function (wrapper) {
    const [name, value] = wrapper.dataset.showWhen.split("=");
    const form = wrapper.closest("form");
    const chosen = form && form.querySelector('[name="' + name + '"]:checked');
    wrapper.hidden = !chosen || chosen.value !== value;
  });
}
document.addEventListener("change", function (event) {
  if (event.target.form) {
    syncConditionalFields(event.target.form);
  }
});
document.addEventListener("DOMContentLoaded", function () {
  syncConditionalFields(document);
});
