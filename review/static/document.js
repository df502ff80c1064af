// The document view: a text selection, read back to offsets into the stored text, becomes a claim or a moved span.
"use strict";
(function () {
  const {data, say, post, reviewer} = window.claims;
  const root = document.getElementById("document");
  const form = document.getElementById("add");
  let chosen = null;
  // The stored-text offset of a DOM position: each piece carries its own offset in data-at.
  function offset(node, within) {
    if (node.nodeType !== Node.TEXT_NODE) {  // a position between elements: take the piece it falls before
      const next = node.childNodes[within];
      if (next && next.dataset && next.dataset.at !== undefined) return Number(next.dataset.at);
      node = node.childNodes[within - 1] || node;
      within = node.textContent.length;
    }
    const piece = (node.nodeType === Node.TEXT_NODE ? node.parentElement : node).closest("[data-at]");
    return piece ? Number(piece.dataset.at) + within : null;
  }
  function selected() {
    const selection = window.getSelection();
    if (!selection.rangeCount || selection.isCollapsed) return null;
    const range = selection.getRangeAt(0);
    if (!root.contains(range.commonAncestorContainer)) return null;
    let start = offset(range.startContainer, range.startOffset), end = offset(range.endContainer, range.endOffset);
    if (start === null || end === null || end <= start) return null;
    const text = selection.toString();
    const lead = text.length - text.trimStart().length, trail = text.length - text.trimEnd().length;
    start += lead; end -= trail;  // a span never starts or ends with white space
    return end > start ? {start, end, text: text.trim()} : null;
  }
  document.addEventListener("selectionchange", () => {
    const span = selected();
    if (!span) return;
    chosen = span;
    form.hidden = false;
    document.getElementById("selected-text").textContent = span.text;
    document.getElementById("selected-offsets").textContent = `(characters ${span.start}–${span.end})`;
    const number = span.text.match(/[-−]?\d[\d,.\s]*(?:\s*(?:million|billion|thousand))?/);
    form.elements.value.value = number ? number[0].trim() : "";
  });
  const close = () => { form.hidden = true; chosen = null; };
  document.getElementById("add-cancel").addEventListener("click", close);
  document.addEventListener("keydown", (event) => { if (event.key === "Escape") close(); });
  function showErrors(errors) {
    for (const node of form.querySelectorAll(".field-error")) node.textContent = "";
    for (const [name, text] of Object.entries(errors)) {
      (form.querySelector(`.field-error[data-for="${name}"]`) || form.querySelector('.field-error[data-for=""]')).textContent = text;
    }
  }
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    if (!chosen) return;
    const values = Object.fromEntries([...new FormData(form).entries()].filter(([, value]) => value.trim() !== ""));
    const added = await post("/api/documents/" + data.doc + "/claims", {start: chosen.start, end: chosen.end, values,
                                                                         reviewer: reviewer()}, true);
    if (added.ok) { window.location.href = "/claims/" + added.body.id; return; }
    if (added.body.detail && added.body.detail.errors) showErrors(added.body.detail.errors);
    else say("Not added: " + window.claims.detailText(added.body.detail));
  });
  const move = document.getElementById("move-span");
  if (move) {
    move.addEventListener("click", async () => {
      if (!chosen) return;
      const moved = await post("/api/claims/" + data.moving + "/span", {start: chosen.start, end: chosen.end,
                                                                        reviewer: reviewer()});
      if (moved.ok) window.location.href = "/claims/" + data.moving;
    });
  }
})();
