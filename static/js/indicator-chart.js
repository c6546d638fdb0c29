// The cohesion index over the last 53 weeks on a complex's indicator page: a Chart.js line from
// the json_script "indicator-trend-data", with the red and green thresholds of each week as
// dashed lines. The same figures are in a table under the chart, so the canvas is hidden from
// screen readers. Labels come from the canvas's data attributes (translated by the template).
(function () {
  "use strict";

  function draw() {
    const canvas = document.getElementById("indicator-chart");
    const source = document.getElementById("indicator-trend-data");
    if (!canvas || !source || typeof window.Chart === "undefined") {
      return;
    }
    const rows = JSON.parse(source.textContent);
    if (!rows.length) {
      return;
    }
    function line(label, key, colour, dashed) {
      return {
        label: label,
        data: rows.map(function (row) { return row[key]; }),
        borderColor: colour,
        backgroundColor: colour,
        borderDash: dashed ? [6, 4] : [],
        pointRadius: dashed ? 0 : 2,
        tension: 0.2,
        spanGaps: false,
        fill: false,
      };
    }
    new window.Chart(canvas, {
      type: "line",
      data: {
        labels: rows.map(function (row) { return row.week; }),
        datasets: [
          line(canvas.dataset.label, "index", "#0d6efd", false),
          line(canvas.dataset.redLabel, "red_below", "#dc3545", true),
          line(canvas.dataset.greenLabel, "green_from", "#198754", true),
        ],
      },
      options: {
        // Numbers on the axis and in the tooltips in the page's language (Intl.NumberFormat):
        // 3,8 and 1.234 in Dutch rather than the browser's own format.
        locale: document.documentElement.lang || "nl",
        animation: false,
        aspectRatio: 3,
        plugins: { legend: { display: true } },
        scales: {
          y: {
            min: 0,
            max: 100,
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
