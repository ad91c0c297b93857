// leaktrace: small progressive enhancements; every page works without this file.
"use strict";

document.addEventListener("click", (event) => {
  const confirming = event.target.closest("[data-confirm]");
  if (confirming && !window.confirm(confirming.dataset.confirm)) {
    event.preventDefault();
    return;
  }
  const back = event.target.closest("a[data-back]");
  if (back && window.history.length > 1) {
    event.preventDefault();
    window.history.back();
    return;
  }
  const copy = event.target.closest("[data-copy]");
  if (copy) {
    const source = document.getElementById(copy.dataset.copy);
    if (source && navigator.clipboard) {
      navigator.clipboard.writeText(source.textContent.trim()).then(() => {
        copy.textContent = "Copied";
      });
    }
  }
});

// A filter select submits its form as soon as it changes.
document.addEventListener("change", (event) => {
  if (event.target.matches("select[data-autosubmit]")) event.target.form.requestSubmit();
});

// Issue form: choosing a group or typing ids selects the matching "Recipients" option.
document.addEventListener("input", (event) => {
  const holder = event.target.closest("[data-when]");
  if (!holder) return;
  const radio = document.querySelector(`input[name="to"][value="${holder.dataset.when}"]`);
  if (radio) radio.checked = true;
});
