// The trends page: three Chart.js charts from the json_script "trends-data" (a row per week):
// the complexes per status (stacked bars), the mean index (a line) and the welfare hours
// against the norm (bars and a line; a week without a norm is null, a gap). The same figures
// are in the table under each chart, so the canvases are hidden from screen readers. Labels
// come from each canvas's data attributes (translated by the template).
(function () {
  "use strict";

  const COLOURS = { red: "#dc3545", amber: "#ffc107", green: "#198754", no_data: "#6c757d" };

  function options(axis, extra) {
    return Object.assign({
      // Numbers in the page's language (Intl.NumberFormat): 3,8 in Dutch.
      locale: document.documentElement.lang || "nl",
      animation: false,
      responsive: true,
      maintainAspectRatio: false,
      plugins: { legend: { display: true } },
      scales: { y: { beginAtZero: true, title: { display: true, text: axis } } },
    }, extra || {});
  }

  function column(rows, key) {
    return rows.map(function (row) { return row[key]; });
  }

  function sized(canvas) {
    // A fixed height in a relative box: Chart.js fills the width and never the page's.
    canvas.parentNode.style.position = "relative";
    canvas.parentNode.style.height = "16rem";
    return canvas;
  }

  function statusChart(rows, labels) {
    const canvas = document.getElementById("trends-status-chart");
    if (!canvas) { return; }
    const data = canvas.dataset;
    const names = { red: data.red, amber: data.amber, green: data.green, no_data: data.noData };
    new window.Chart(sized(canvas), {
      type: "bar",
      data: {
        labels: labels,
        datasets: Object.keys(names).map(function (status) {
          return { label: names[status], data: column(rows, status), backgroundColor: COLOURS[status] };
        }),
      },
      options: options(data.axis, {
        scales: {
          x: { stacked: true },
          y: { stacked: true, beginAtZero: true, title: { display: true, text: data.axis } },
        },
      }),
    });
  }

  function meanChart(rows, labels) {
    const canvas = document.getElementById("trends-mean-chart");
    if (!canvas) { return; }
    const chart = options(canvas.dataset.axis);
    chart.scales.y.max = 100;
    new window.Chart(sized(canvas), {
      type: "line",
      data: {
        labels: labels,
        datasets: [{
          label: canvas.dataset.label, data: column(rows, "mean"), borderColor: "#0d6efd",
          backgroundColor: "#0d6efd", spanGaps: false, tension: 0.2, pointRadius: 2,
        }],
      },
      options: chart,
    });
  }

  function hoursChart(rows, labels) {
    const canvas = document.getElementById("trends-hours-chart");
    if (!canvas) { return; }
    new window.Chart(sized(canvas), {
      type: "bar",
      data: {
        labels: labels,
        datasets: [
          { label: canvas.dataset.hours, data: column(rows, "hours"), backgroundColor: "#0d6efd" },
          {
            type: "line", label: canvas.dataset.norm, data: column(rows, "norm"),
            borderColor: "#dc3545", backgroundColor: "#dc3545", borderDash: [6, 4],
            pointRadius: 0, spanGaps: false,
          },
        ],
      },
      options: options(canvas.dataset.axis),
    });
  }

  function draw() {
    const source = document.getElementById("trends-data");
    if (!source || typeof window.Chart === "undefined") {
      return;
    }
    const rows = JSON.parse(source.textContent);
    const labels = column(rows, "week");
    statusChart(rows, labels);
    meanChart(rows, labels);
    hoursChart(rows, labels);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", draw);
  } else {
    draw();
  }
})();
