/* Charts for the performance and public statistics pages (tables carry the same figures). */
(function () {
  "use strict";
  var source = document.getElementById("chart-data");
  if (!source || typeof Chart === "undefined") { return; }
  var data = JSON.parse(source.textContent);
  var labels = document.getElementById("chart-labels").dataset;
  var rate = document.getElementById("chart-rate");
  if (rate) {
    new Chart(rate, {
      type: "line",
      data: {
        labels: data.months,
        datasets: [
          { label: labels.rate, data: data.rates, borderColor: "#0b4f8a", backgroundColor: "#0b4f8a", spanGaps: true },
          { label: labels.target, data: data.months.map(function () { return data.target; }),
            borderColor: "#a4161a", borderDash: [6, 4], pointRadius: 0 }
        ]
      },
      options: { maintainAspectRatio: false, scales: { y: { suggestedMin: 80, max: 100 } } }
    });
  }
  var satisfaction = document.getElementById("chart-satisfaction");
  if (satisfaction && data.satisfaction) {
    new Chart(satisfaction, {
      type: "bar",
      data: { labels: ["1", "2", "3", "4", "5"],
              datasets: [{ label: labels.count, data: data.satisfaction, backgroundColor: "#0b4f8a" }] },
      options: { maintainAspectRatio: false }
    });
  }
  var volume = document.getElementById("chart-volume");
  if (volume && data.volumes) {
    var colours = ["#0b4f8a", "#a4161a", "#2b8a3e", "#6741d9"];
    new Chart(volume, {
      type: "bar",
      data: {
        labels: data.volumes.months,
        datasets: Object.keys(data.volumes.series).map(function (name, index) {
          return { label: name, data: data.volumes.series[name], backgroundColor: colours[index % colours.length] };
        })
      },
      options: { maintainAspectRatio: false, scales: { x: { stacked: true }, y: { stacked: true } } }
    });
  }
})();
