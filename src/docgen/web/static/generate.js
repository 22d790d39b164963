// docgen: small enhancements to the Generate page. The page works without them.
(function () {
  "use strict";

  // On a page with problems, move focus to the summary so screen readers announce it.
  var summary = document.querySelector("[data-error-summary]");
  if (summary) {
    summary.focus();
  }

  var form = document.querySelector("[data-generate-form]");
  if (!form) {
    return;
  }
  var button = form.querySelector("[data-generate-button]");
  var status = form.querySelector("[data-generate-status]");
  var label = button.textContent;

  form.addEventListener("submit", function () {
    // The form still posts normally; this only says that work has started.
    button.disabled = true;
    button.textContent = "Generating…";
    status.textContent = "Generating your report. This can take a minute; please wait.";
  });

  // Coming back with the browser's Back button must not leave the button disabled.
  window.addEventListener("pageshow", function () {
    button.disabled = false;
    button.textContent = label;
    status.textContent = "";
  });

  // Dropping a file anywhere on the workbook's box chooses it, as the file input would.
  var zone = form.querySelector("[data-dropzone]");
  var input = zone && zone.querySelector("input[type=file]");
  if (!zone || !input || !window.DataTransfer) {
    return;
  }
  zone.addEventListener("dragover", function (event) {
    event.preventDefault();
    zone.classList.add("dropzone--active");
  });
  zone.addEventListener("dragleave", function () {
    zone.classList.remove("dropzone--active");
  });
  zone.addEventListener("drop", function (event) {
    event.preventDefault();
    zone.classList.remove("dropzone--active");
    if (event.dataTransfer && event.dataTransfer.files.length) {
      input.files = event.dataTransfer.files;
      status.textContent = "Chosen: " + event.dataTransfer.files[0].name;
    }
  });
})();
