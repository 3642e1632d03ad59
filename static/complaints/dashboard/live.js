/* Live queue: case events from /ws/dashboard/ update rows in place and add new cases on top.
   Without websockets the page works as before (plain reload). */
(function () {
  "use strict";
  var status = document.getElementById("live-status");
  var rows = document.getElementById("queue-rows");
  if (!status || !rows || !("WebSocket" in window)) { return; }
  var template = document.getElementById("new-row-template");
  var retry = 1000;

  function announce(text) {
    status.textContent = text;
  }

  function apply(event) {
    var row = rows.querySelector('tr[data-case-id="' + event.id + '"]');
    if (row) {
      var cell = row.querySelector(".case-status");
      if (cell) { cell.textContent = event.status_label; }
      row.classList.add("table-warning");
      announce(status.dataset.textUpdate + ": " + event.tracking_number + " · " + event.status_label);
      return;
    }
    if (!event.created || status.dataset.firstPage !== "1" || !template) { return; }
    var fresh = template.content.firstElementChild.cloneNode(true);
    fresh.dataset.caseId = event.id;
    var link = fresh.querySelector(".case-link");
    link.href = event.url;
    link.textContent = event.tracking_number;
    fresh.querySelector(".case-summary").textContent = event.kind_label + " · " + event.status_label;
    var empty = rows.querySelector(".empty-row");
    if (empty) { empty.remove(); }
    rows.insertBefore(fresh, rows.firstChild);
    announce(status.dataset.textNew + ": " + event.tracking_number);
  }

  function connect() {
    var scheme = window.location.protocol === "https:" ? "wss://" : "ws://";
    var socket = new WebSocket(scheme + window.location.host + status.dataset.wsPath);
    socket.addEventListener("open", function () {
      retry = 1000;
      status.dataset.connected = "1";
      announce(status.dataset.textOn);
    });
    socket.addEventListener("message", function (message) {
      var data;
      try { data = JSON.parse(message.data); } catch (e) { return; }
      if (data.type === "case.changed") { apply(data); }
    });
    socket.addEventListener("close", function (event) {
      status.dataset.connected = "0";
      if (event.code === 4403) { return; }
      window.setTimeout(connect, retry);
      retry = Math.min(retry * 2, 30000);
    });
  }
  connect();
})();
