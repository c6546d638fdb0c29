// The approval list: "select all" ticks every week of the bulk approval form. Without JavaScript
// the box stays hidden and each week is ticked by hand.
document.addEventListener("DOMContentLoaded", function () {
  const all = document.querySelector("[data-select-all]");
  if (!all) {
    return;
  }
  const formId = all.dataset.selectAll;
  const boxes = function () {
    return Array.from(document.querySelectorAll('input[type="checkbox"][form="' + formId + '"]'));
  };
  const sync = function () {
    const list = boxes();
    const ticked = list.filter(function (box) { return box.checked; }).length;
    all.checked = list.length > 0 && ticked === list.length;
    all.indeterminate = ticked > 0 && ticked < list.length;
  };
  all.closest("[hidden]")?.removeAttribute("hidden");
  all.addEventListener("change", function () {
    boxes().forEach(function (box) { box.checked = all.checked; });
    all.indeterminate = false;
  });
  boxes().forEach(function (box) { box.addEventListener("change", sync); });
  sync();
});
