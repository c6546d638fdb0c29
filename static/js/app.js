// Leefbaarheid's own behaviour. No inline scripts: the Content-Security-Policy forbids them.
document.addEventListener("htmx:responseError", function (event) {
  const target = event.detail.target;
  if (target) {
    target.setAttribute("aria-busy", "false");
  }
});
