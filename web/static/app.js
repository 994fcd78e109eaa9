// e-SOP: the little JavaScript there is. Pages work without it; htmx
// updates the editor's flowchart preview as the author types.
(function () {
  "use strict";
  // Warn before leaving the editor with unsaved changes.
  var form = document.getElementById("editor-form");
  if (!form) { return; }
  var dirty = false;
  form.addEventListener("input", function () { dirty = true; });
  form.addEventListener("submit", function () { dirty = false; });
  window.addEventListener("beforeunload", function (e) {
    if (dirty) { e.preventDefault(); e.returnValue = ""; }
  });
})();
