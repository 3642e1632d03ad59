// Bar chart of the white paper's key figures; the table above carries the same data.
(function () {
  const source = document.getElementById("figures-data");
  const canvas = document.getElementById("figures-chart");
  if (!source || !canvas || typeof Chart === "undefined") return;
  const data = JSON.parse(source.textContent);
  const lang = document.documentElement.lang;
  new Chart(canvas, {
    type: "bar",
    data: {
      labels: data.labels,
      datasets: [
        { label: lang === "en" ? "Previous year" : "上年", data: data.previous, backgroundColor: "#9bb7d4" },
        { label: lang === "en" ? "This year" : "本年", data: data.values, backgroundColor: "#0b4f8a" },
      ],
    },
    options: { responsive: true, maintainAspectRatio: false },
  });
})();
