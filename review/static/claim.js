// The claim page: decide, correct, undo and move on, by key or by button.
"use strict";
(function () {
  const {data, say, post, keys, reviewer} = window.claims;
  const pageImage = document.getElementById("page-image");
  if (pageImage) {  // when the image cannot be drawn, say why (the server's answer) instead of a broken picture
    const explain = async () => {
      const answer = await fetch(pageImage.src);
      let reason = answer.statusText;
      try { reason = (await answer.json()).detail; } catch (error) { /* not JSON: keep the status text */ }
      document.getElementById("page-caption").textContent = "no page image: " + reason;
      pageImage.hidden = true;
    };
    pageImage.addEventListener("error", explain);
    if (pageImage.complete && pageImage.naturalWidth === 0) explain();  // it failed before this script ran
  }
  const edit = document.getElementById("edit");
  const initial = new Map([...new FormData(edit).entries()]);
  const editing = () => edit.classList.contains("open");
  const changed = () => [...new FormData(edit).entries()].filter(([name, value]) => initial.get(name) !== value);
  const leaveOk = () => !editing() || changed().length === 0 || window.confirm("Leave without saving the correction?");
  let leaving = false;
  window.addEventListener("beforeunload", (event) => {
    if (!leaving && editing() && changed().length) { event.preventDefault(); event.returnValue = ""; }
  });
  const go = (url) => { leaving = true; window.location.href = url; };
  async function decide(status, corrections) {
    const saved = await post("/api/claims/" + data.claim + "/review",
      {status: status, corrections: corrections || {}, note: document.getElementById("note").value,
       reviewer: reviewer(), version: data.version}, true);
    if (saved.ok) { go(data.next || data.queueEnd); return; }
    if (saved.status === 422 && saved.body.detail && saved.body.detail.errors) { showErrors(saved.body.detail.errors); return; }
    say("Not saved: " + window.claims.detailText(saved.body.detail) + (saved.status === 409 ? " (reload to see it)" : ""));
  }
  function showErrors(errors) {
    for (const node of edit.querySelectorAll(".field-error")) node.textContent = "";
    let first = null;
    for (const [name, text] of Object.entries(errors)) {
      const node = edit.querySelector(`.field-error[data-for="${name}"]`) || document.getElementById("edit-error");
      node.textContent = text;
      const input = edit.querySelector(`[name="${name}"]`);
      if (input) { input.setAttribute("aria-invalid", "true"); first = first || input; }
    }
    if (first) first.focus();
  }
  edit.addEventListener("submit", (event) => {
    event.preventDefault();
    const corrections = Object.fromEntries(changed());  // only what the reviewer changed; the server reads it
    if (!Object.keys(corrections).length) { showErrors({"": "change a value first, or close the form (Esc)"}); return; }
    decide("corrected", corrections);
  });
  const help = document.getElementById("help");
  const open = () => { edit.classList.add("open"); edit.querySelector("input, select").focus(); };
  const close = () => {
    if (editing() && changed().length && !window.confirm("Close the form and drop the changes?")) return;
    edit.reset(); edit.classList.remove("open");
  };
  keys({
    a: () => { if (!editing()) decide("accepted"); else say("Save or close (Esc) the correction first.", "info"); },
    r: () => { if (!editing()) decide("rejected"); else say("Save or close (Esc) the correction first.", "info"); },
    e: open,
    u: async () => {  // the last decision, wherever it was made: the page has usually moved on from it
      if (!leaveOk()) return;
      const undone = await post("/api/undo", {reviewer: reviewer()});
      if (undone.ok) go("/claims/" + undone.body.id + window.location.search);
    },
    n: () => { if (data.next && leaveOk()) go(data.next); },
    p: () => { if (data.previous && leaveOk()) go(data.previous); },
    d: () => { if (leaveOk()) go(data.documentLink); },
    "?": () => { help.hidden = !help.hidden; },
  }, () => { help.hidden = true; if (editing()) close(); });
  document.getElementById("edit-cancel").addEventListener("click", close);
})();
