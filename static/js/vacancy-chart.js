// Vacancy over time on the complex page: a Chart.js line from the json_script "vacancy-data".
// The same figures are in a table beside the chart, so the canvas itself is hidden from
// screen readers. Labels come from the canvas's data attributes (translated by the template).
(function () {
  "use strict";

  function dutchDate(iso) {
    return iso.split("-").reverse().join("-");
  }

  function draw() {
    const canvas = document.getElementById("vacancy-chart");
    const source = document.getElementById("vacancy-data");
    if (!canvas || !source || typeof window.Chart === "undefined") {
      return;
    }
    const rows = JSON.parse(source.textContent);
    if (!rows.length) {
      return;
    }
    new window.Chart(canvas, {
      type: "line",
      data: {
        labels: rows.map(function (row) { return dutchDate(row.date); }),
        datasets: [{
          label: canvas.dataset.label,
          data: rows.map(function (row) { return row.vacancy_percent; }),
          borderColor: "#0d6efd",
          backgroundColor: "#0d6efd",
          tension: 0.2,
          fill: false,
        }],
      },
      options: {
        // Numbers on the axis and in the tooltips in the page's language (Intl.NumberFormat):
        // 3,8 and 1.234 in Dutch rather than the browser's own format.
        locale: document.documentElement.lang || "nl",
        animation: false,
        aspectRatio: 3,
        plugins: { legend: { display: false } },
        scales: {
          y: {
            beginAtZero: true,
            suggestedMax: 10,
            title: { display: true, text: canvas.dataset.axis },
          },
        },
      },
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", draw);
  } else {
    draw();
  }
})();
