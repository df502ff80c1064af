// The queue: pick claims (or take everything the filter shows) and decide them as one undoable step.
"use strict";
(function () {
  const {data, say, post, reviewer} = window.claims;
  const picks = () => [...document.querySelectorAll("input.pick:checked")].map((box) => box.value);
  const count = document.getElementById("selected-count");
  const selectedButtons = [document.getElementById("accept-selected"), document.getElementById("reject-selected")];
  function refresh() {
    const n = picks().length;
    count.textContent = n + " selected";
    for (const button of selectedButtons) button.disabled = n === 0;
  }
  document.getElementById("select-page").addEventListener("change", (event) => {
    for (const box of document.querySelectorAll("input.pick")) box.checked = event.target.checked;
    refresh();
  });
  for (const box of document.querySelectorAll("input.pick")) box.addEventListener("change", refresh);
  async function decide(body, what) {
    if (!window.confirm(what + "?")) return;
    const done = await post("/api/batch", {...body, reviewer: reviewer()});
    if (done.ok) window.location.reload();
  }
  selectedButtons[0].addEventListener("click", () => decide({status: "accepted", claim_ids: picks(), expected: picks().length},
                                                             "Accept the " + picks().length + " selected claims"));
  selectedButtons[1].addEventListener("click", () => decide({status: "rejected", claim_ids: picks(), expected: picks().length},
                                                             "Reject the " + picks().length + " selected claims"));
  for (const id of ["reject-all", "accept-all"]) {
    const button = document.getElementById(id);
    if (!button) continue;
    button.addEventListener("click", () => decide({status: button.dataset.status, query: data.query, expected: data.total},
      (button.dataset.status === "rejected" ? "Reject" : "Accept") + " all " + data.total.toLocaleString("en") +
      " claims this filter shows (one undo takes it back)"));
  }
  document.getElementById("undo").addEventListener("click", async () => {
    const undone = await post("/api/undo", {reviewer: reviewer()});
    if (undone.ok) {
      say("Undone: " + undone.body.restored.length.toLocaleString("en") + " claim(s) back as they were.", "info");
      window.setTimeout(() => window.location.reload(), 600);
    }
  });
  refresh();
})();
