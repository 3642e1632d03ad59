// Choosing a reply template fills the public note with its text for this case, so staff can
// read and edit it before sending. Without this script the server fills an empty note.
(function () {
  "use strict";
  var data = document.getElementById("reply-templates");
  if (!data) return;
  var texts = JSON.parse(data.textContent);
  document.querySelectorAll("select[name$='-template']").forEach(function (select) {
    var prefix = select.name.slice(0, -"template".length);
    var note = select.form && select.form.elements[prefix + "public_note"];
    if (!note) return;
    var filled = "";
    select.addEventListener("change", function () {
      var text = texts[select.value] || "";
      if (note.value.trim() === "" || note.value === filled) {
        note.value = text;
        filled = text;
      }
    });
  });
})();
