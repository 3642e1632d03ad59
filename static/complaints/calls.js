/* Hotline call intake: live routing preview and keyboard shortcuts.
 * Without this script the page still works: "查看办理部门和期限" posts the form and the server
 * shows the same preview, keeping everything typed. */
(function () {
  "use strict";

  // The page's access keys, the same in every browser: Alt+letter (or Alt+Shift+letter, as
  // Firefox has it) focuses the field or follows the link. Native accesskey handling, where
  // the browser has it, reaches the same element: doing it twice is harmless.
  document.addEventListener("keydown", function (event) {
    if (!event.altKey || event.ctrlKey || event.metaKey) { return; }
    var match = /^Key([A-Z])$/.exec(event.code || "");
    if (!match) { return; }
    var letter = match[1].toLowerCase();
    var target = document.querySelector('[accesskey="' + letter + '"], [data-accesskey="' + letter + '"]');
    if (!target || target.hidden) { return; }
    if (target.tagName === "FIELDSET") {
      target = target.querySelector("input:checked") || target.querySelector("input");
    }
    if (!target || target.disabled) { return; }
    event.preventDefault();
    if (target.tagName === "A" || target.tagName === "BUTTON") { target.click(); } else { target.focus(); }
  });

  var form = document.getElementById("call-form");
  if (!form) { return; }
  var region = document.getElementById("call-route");
  var saveButton = document.getElementById("call-save");
  var previewButton = document.getElementById("call-preview-button");
  var ROUTING = ["kind", "category", "district", "is_online", "is_cross_district"];
  var timer = null;
  var sequence = 0;

  if (previewButton) { previewButton.hidden = true; }  // the preview is live

  function routingParams() {
    var params = new URLSearchParams();
    ROUTING.forEach(function (name) {
      var field = form.elements[name];
      if (!field) { return; }
      if (field.type === "checkbox") {
        if (field.checked) { params.set(name, "on"); }
      } else if (field.value) {  // a select, or a RadioNodeList's checked value
        params.set(name, field.value);
      }
    });
    return params;
  }

  function markRequired(names) {
    form.querySelectorAll("[data-field]").forEach(function (wrapper) {
      var required = names.indexOf(wrapper.getAttribute("data-field")) !== -1;
      var marker = wrapper.querySelector(".call-required");
      if (marker) { marker.hidden = !required; }
      var target = wrapper.tagName === "FIELDSET" ? wrapper
        : wrapper.querySelector("input:not([type=checkbox]), select, textarea");
      if (!target) { return; }
      if (required) { target.setAttribute("aria-required", "true"); }
      else { target.removeAttribute("aria-required"); }
    });
  }

  function allowAnonymous(allowed) {
    var box = form.elements.is_anonymous;
    if (!box) { return; }
    box.disabled = !allowed;
    if (!allowed) { box.checked = false; }
  }

  function refresh() {
    var mine = ++sequence;
    var url = form.getAttribute("data-preview-url") + "?" + routingParams().toString();
    fetch(url, { headers: { "Accept": "application/json" }, credentials: "same-origin" })
      .then(function (response) {
        if (!response.ok) { throw new Error(String(response.status)); }
        return response.json();
      })
      .then(function (data) {
        if (mine !== sequence) { return; }  // an older answer arriving late
        region.innerHTML = data.html;
        markRequired(data.required);
        allowAnonymous(data.anonymous_allowed);
      })
      .catch(function () { /* the preview is a help; saving still checks everything */ });
  }

  function schedule() {
    window.clearTimeout(timer);
    timer = window.setTimeout(refresh, 120);
  }

  form.addEventListener("change", function (event) {
    if (ROUTING.indexOf(event.target.name) !== -1) { schedule(); }
  });

  form.addEventListener("keydown", function (event) {
    if (event.key !== "Enter") { return; }
    if (event.ctrlKey || event.metaKey) {
      event.preventDefault();
      if (form.requestSubmit) { form.requestSubmit(saveButton); } else { saveButton.click(); }
      return;
    }
    var target = event.target;
    // Enter in a one-line field never saves by accident: it refreshes the preview instead.
    if (target.tagName === "INPUT" && target.type !== "submit" && target.type !== "button") {
      event.preventDefault();
      refresh();
    }
  });

  refresh();
}());
