/* Monthly counts of the public complaint database (the table below the chart has the same figures). */
(function () {
  "use strict";
  var source = document.getElementById("records-chart-data");
  var canvas = document.getElementById("records-chart");
  if (!source || !canvas || typeof Chart === "undefined") { return; }
  var data = JSON.parse(source.textContent);
  new Chart(canvas, {
    type: "bar",
    data: {
      labels: data.labels,
      datasets: [{ label: document.getElementById("records-chart-label").dataset.label,
                   data: data.counts, backgroundColor: "#0b4f8a" }]
    },
    options: { maintainAspectRatio: false, scales: { y: { beginAtZero: true } } }
  });
}());
