// e-SOP: the SOP editor, enhanced. The form works without script (it
// posts, saves and submits); this adds to it: the row being edited is
// marked in the flowchart and brought into view in the preview pane, the
// preview is fitted to its column or shown at full size, the "back to the
// row" link of a phone follows the row, and what the live preview (htmx)
// sends again keeps its state (the problem list open, fields marked
// invalid).
(function () {
  "use strict";
  var form = document.getElementById("editor-form");
  var pane = document.getElementById("preview-pane");
  if (!form || !pane) { return; }
  var back = document.getElementById("back-to-row");
  var editing = null; // the fieldset.step being edited
  var listOpen = null; // the problem list's open state, kept across updates

  function wide() { return getComputedStyle(pane).position === "sticky"; }

  // Mark the symbol of the row being edited and, on a wide screen, scroll
  // the preview pane (never the page) so that it is in view.
  function mark() {
    var old = pane.querySelectorAll("[data-step].editing");
    for (var i = 0; i < old.length; i++) { old[i].classList.remove("editing"); }
    if (!editing) { return; }
    var id = editing.getAttribute("data-step");
    var g = id && pane.querySelector('#preview svg [data-step="' + CSS.escape(id) + '"]');
    if (!g) { return; }
    g.classList.add("editing");
    reveal(g);
  }

  // On a wide screen the pane scrolls up or down to the symbol; on any
  // screen the flowchart's own box scrolls sideways to it. The page
  // itself never moves: the author is typing in the form.
  function reveal(g) {
    var r = g.getBoundingClientRect();
    if (wide()) {
      var p = pane.getBoundingClientRect();
      var head = pane.querySelector(".preview-head");
      var top = p.top + (head ? head.offsetHeight : 0) + 8;
      if (r.top < top) {
        pane.scrollTop -= top - r.top;
      } else if (r.bottom > p.bottom - 8) {
        pane.scrollTop += Math.min(r.bottom - p.bottom + 8, r.top - top);
      }
      r = g.getBoundingClientRect();
    }
    var box = g.closest(".flowchart");
    if (box && box.scrollWidth > box.clientWidth) {
      var b = box.getBoundingClientRect();
      if (r.left < b.left || r.right > b.right) {
        box.scrollLeft += r.left - b.left - (b.width - r.width) / 2;
      }
    }
  }

  form.addEventListener("focusin", function (e) {
    var row = e.target.closest ? e.target.closest("fieldset.step") : null;
    if (!row || row === editing) { return; }
    if (editing) { editing.classList.remove("editing"); }
    editing = row;
    row.classList.add("editing");
    if (back) { back.setAttribute("href", "#" + row.id); }
    mark();
  });

  // The live preview follows the typing: the button that refreshes it
  // by a round trip is for pages without script.
  var refresh = form.querySelector('.save-bar button[value="preview"]');
  if (refresh) { refresh.hidden = true; }

  // A pelaksana renamed is renamed at once in every row's choice of pelaksana.
  form.addEventListener("input", function (e) {
    var m = /^actors\[(\d+)\]\.name$/.exec(e.target.name || "");
    var id = m && form.querySelector('input[name="actors[' + m[1] + '].id"]');
    if (!id) { return; }
    var opts = form.querySelectorAll('select[name$="].actor"] option[value="' + CSS.escape(id.value) + '"]');
    for (var i = 0; i < opts.length; i++) { opts[i].textContent = e.target.value || id.value; }
  });

  // Zoom: fitted to the column, or full size (the box scrolls).
  var tools = pane.querySelector(".preview-tools");
  function zoom(mode) {
    pane.classList.toggle("zoom-fit", mode === "fit");
    pane.classList.toggle("zoom-large", mode === "large");
    var buttons = tools.querySelectorAll("button[data-zoom]");
    for (var i = 0; i < buttons.length; i++) {
      buttons[i].setAttribute("aria-pressed", String(buttons[i].getAttribute("data-zoom") === mode));
    }
    mark();
  }
  if (tools) {
    tools.hidden = false;
    tools.addEventListener("click", function (e) {
      var b = e.target.closest("button[data-zoom]");
      if (b) { zoom(b.getAttribute("data-zoom")); }
    });
    zoom(wide() ? "fit" : "large");
  }

  // After the live preview: the boxes beside the fields were replaced;
  // mark their controls invalid or not, keep the list as it was, mark the row.
  function refreshed() {
    var boxes = form.querySelectorAll(".field-problems-box[data-control]");
    for (var i = 0; i < boxes.length; i++) {
      var id = boxes[i].getAttribute("data-control");
      var c = id && document.getElementById(id);
      if (!c) { continue; }
      if (boxes[i].getAttribute("data-invalid") === "true") {
        c.setAttribute("aria-invalid", "true");
      } else {
        c.removeAttribute("aria-invalid");
      }
    }
    var list = document.getElementById("problem-list");
    if (list && listOpen !== null) { list.open = listOpen; }
    mark();
  }
  document.addEventListener("toggle", function (e) {
    if (e.target && e.target.id === "problem-list") { listOpen = e.target.open; }
  }, true);
  document.body.addEventListener("htmx:afterSettle", refreshed);
})();
