// Shared by the review pages: the page's data, JSON posts that report failures, and keys that never fire in fields.
"use strict";
window.claims = (function () {
  const dataNode = document.getElementById("page-data");
  const data = dataNode ? JSON.parse(dataNode.textContent) : {};
  const message = document.getElementById("message");
  function say(text, kind) {
    if (!message) { window.alert(text); return; }
    message.textContent = text;
    message.className = "message " + (kind || "error");
    message.hidden = !text;
  }
  function detailText(detail) {
    if (typeof detail === "string") return detail;
    if (detail && detail.errors) return Object.entries(detail.errors).map(([k, v]) => (k ? k + " " : "") + v).join("; ");
    return JSON.stringify(detail);
  }
  // POST JSON; resolves to {ok, status, body}; a failure is said on the page unless the caller handles it.
  async function post(path, body, quiet) {
    const response = await fetch(path, {method: "POST", headers: {"Content-Type": "application/json"},
                                        body: JSON.stringify(body || {})});
    let parsed = null;
    try { parsed = await response.json(); } catch (error) { parsed = {detail: response.statusText}; }
    if (!response.ok && !quiet) say("Not saved: " + detailText(parsed.detail));
    return {ok: response.ok, status: response.status, body: parsed};
  }
  const typing = (target) => ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName) || target.isContentEditable;
  // Single-key shortcuts: ignored while typing in a field or with a modifier; Escape leaves the field.
  function keys(actions, onEscape) {
    document.addEventListener("keydown", (event) => {
      if (event.key === "Escape") {
        if (typing(event.target)) event.target.blur();
        if (onEscape) onEscape();
        return;
      }
      if (typing(event.target) || event.ctrlKey || event.metaKey || event.altKey || !(event.key in actions)) return;
      event.preventDefault();
      actions[event.key]();
    });
    for (const button of document.querySelectorAll("button[data-key]")) {
      button.addEventListener("click", () => actions[button.dataset.key]());
    }
  }
  const reviewerField = document.getElementById("reviewer");
  if (reviewerField) {  // the name this browser's reviewer gave goes on from page to page
    const remembered = window.localStorage.getItem("claims-reviewer");
    if (remembered) reviewerField.value = remembered;
    reviewerField.addEventListener("change", () => window.localStorage.setItem("claims-reviewer", reviewerField.value));
  }
  const reviewer = () => (reviewerField ? reviewerField.value : window.localStorage.getItem("claims-reviewer") || "");
  return {data, say, detailText, post, keys, reviewer};
})();
