"use strict";
(function () {
  const data = JSON.parse(document.getElementById("review-data").textContent);
  const rows = new Map(data.rows.map((row) => [row.id, row]));
  const cards = new Map([...document.querySelectorAll(".proposal")].map((card) => [card.dataset.fixId, card]));
  const DECISIONS = ["pending", "accepted", "rejected", "edited"];
  // Every report opened from disk shares one storage origin, so decisions are filed under the review set.
  const STORAGE_KEY = "asr-cleanup-review:" + data.key;
  const history = [];
  let unexported = false;
  let current = null;

  function setDecision(id, decision, replacement) {
    const row = rows.get(id);
    if (decision === "edited" && replacement === row.proposed) decision = "accepted";
    row.decision = decision;
    row.replacement = decision === "edited" ? replacement : row.proposed;
    const card = cards.get(id);
    card.dataset.decision = decision;
    card.querySelector(".decision").textContent = decision;
    card.querySelector("ins").textContent = row.replacement;
    card.querySelector(".edit-text").value = row.replacement;
  }

  function pendingWhere(test) {
    return [...rows.values()].filter((row) => row.decision === "pending" && test(row)).map((row) => row.id);
  }

  // A rejection also rejects every pending fix of the same original for the same term: the reviewer has
  // said that string is not a misrecognition of that term, here or anywhere else in the set.
  function withAlikeRejections(ids, decision) {
    if (decision !== "rejected") return ids;
    const keys = new Set(ids.map((id) => rows.get(id).original + "\0" + rows.get(id).term));
    return [...new Set([...ids, ...pendingWhere((row) => keys.has(row.original + "\0" + row.term))])];
  }

  function decide(ids, decision, replacement) {
    ids = withAlikeRejections([].concat(ids), decision);
    if (!ids.length) return 0;
    history.push(ids.map((id) => [id, rows.get(id).decision, rows.get(id).replacement]));
    for (const id of ids) setDecision(id, decision, replacement);
    changed();
    return ids.length;
  }

  function undo() {
    const step = history.pop();
    if (!step) return;
    for (const [id, decision, replacement] of step) setDecision(id, decision, replacement);
    changed();
    select(cards.get(step[0][0]));
  }

  function changed() {
    unexported = true;
    save();
    updateSummary();
    applyFilters();
  }

  function save() {
    const decisions = {};
    for (const row of rows.values()) decisions[row.id] = [row.decision, row.replacement];
    try {
      localStorage.setItem(STORAGE_KEY, JSON.stringify({ decisions, unexported }));
    } catch (error) {
      document.getElementById("tally").title = "decisions cannot be kept in this browser: " + error;
    }
  }

  function restore() {
    let saved = null;
    try {
      saved = JSON.parse(localStorage.getItem(STORAGE_KEY));
    } catch (error) {
      return;
    }
    if (!saved) return;
    for (const [id, [decision, replacement]] of Object.entries(saved.decisions)) {
      if (rows.has(id)) setDecision(id, decision, replacement);
    }
    unexported = Boolean(saved.unexported);
  }

  function countsBy(field) {
    const counts = new Map();
    for (const row of rows.values()) {
      const key = field ? row[field] : "";
      if (!counts.has(key)) counts.set(key, Object.fromEntries([["total", 0], ...DECISIONS.map((d) => [d, 0])]));
      counts.get(key).total += 1;
      counts.get(key)[row.decision] += 1;
    }
    return counts;
  }

  function fillCounts(element, counts) {
    for (const cell of element.querySelectorAll("[data-count]")) {
      cell.textContent = counts ? counts[cell.dataset.count] : 0;
    }
  }

  function updateSummary() {
    const all = countsBy(null).get("");
    fillCounts(document.getElementById("tally"), all);
    fillCounts(document.querySelector("#by-decision tr:last-child"), all);
    for (const [group, field] of [["pass", "pass"], ["term", "term"]]) {
      const counts = countsBy(field);
      for (const tableRow of document.querySelectorAll("#by-" + group + " tr[data-key]")) {
        fillCounts(tableRow, counts.get(tableRow.dataset.key));
      }
    }
  }

  function applyFilters() {
    const pass = document.getElementById("filter-pass").value;
    const term = document.getElementById("filter-term").value;
    const decision = document.getElementById("filter-decision").value;
    const low = parseFloat(document.getElementById("filter-min-score").value);
    const high = parseFloat(document.getElementById("filter-max-score").value);
    let shown = 0;
    for (const card of cards.values()) {
      const score = parseFloat(card.dataset.score);
      const visible = (!pass || card.dataset.pass === pass) && (!term || card.dataset.term === term)
        && (!decision || card.dataset.decision === decision)
        && (isNaN(low) || score >= low) && (isNaN(high) || score <= high);
      card.hidden = !visible;
      if (visible) shown += 1;
    }
    document.getElementById("shown").textContent = shown + "/" + rows.size + " shown";
  }

  function shownIds() {
    return [...cards.values()].filter((card) => !card.hidden).map((card) => card.dataset.fixId);
  }

  function csvField(value) {
    const text = value === null || value === undefined ? "" : String(value);
    return /[",\r\n]/.test(text) || text !== text.trim() ? '"' + text.replace(/"/g, '""') + '"' : text;
  }

  function decisionsCsv() {
    const lines = [data.columns.map(csvField).join(",")];
    for (const row of rows.values()) {
      lines.push(data.columns.map((column) => csvField(row[column])).join(","));
    }
    return lines.join("\n") + "\n";
  }

  function exportCsv() {
    const blob = new Blob([decisionsCsv()], { type: "text/csv;charset=utf-8" });
    const link = document.createElement("a");
    link.href = URL.createObjectURL(blob);
    link.download = "review-decisions.csv";
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 1000);
    unexported = false;
    save();
  }

  function select(card) {
    if (current) current.classList.remove("current");
    current = card || null;
    if (!current) return;
    current.classList.add("current");
    current.scrollIntoView({ block: "nearest" });
  }

  // The next (or previous) shown card after the current one, even when the current one was just hidden.
  function move(step) {
    const all = [...cards.values()];
    let at = all.indexOf(current);
    if (at < 0) at = step > 0 ? -1 : all.length;
    for (let i = at + step; i >= 0 && i < all.length; i += step) {
      if (!all[i].hidden) return select(all[i]);
    }
  }

  function act(card, action) {
    const id = card.dataset.fixId;
    const input = card.querySelector(".edit-text");
    input.hidden = action !== "edit";
    if (action === "edit") {
      input.focus();
      input.select();
      return;
    }
    if (action === "accept-identical") {
      const row = rows.get(id);
      decide([id, ...pendingWhere((other) => other.original === row.original && other.proposed === row.proposed)],
             "accepted");
    } else {
      decide(id, { accept: "accepted", reject: "rejected", reset: "pending" }[action]);
    }
    select(card);
  }

  document.querySelector("main").addEventListener("click", (event) => {
    const button = event.target.closest("button");
    if (!button) return;
    if (button.dataset.bulk) {
      const term = button.dataset.term;
      decide(pendingWhere((row) => row.term === term), button.dataset.bulk === "accept" ? "accepted" : "rejected");
    } else if (button.dataset.action) {
      act(button.closest(".proposal"), button.dataset.action);
    }
  });
  document.querySelector("main").addEventListener("change", (event) => {
    if (!event.target.classList.contains("edit-text")) return;
    const card = event.target.closest(".proposal");
    decide(card.dataset.fixId, "edited", event.target.value);
    select(card);
  });
  document.addEventListener("keydown", (event) => {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    if (event.target.closest("input, select, textarea")) {
      if (event.key === "Escape") event.target.blur();
      return;
    }
    const keys = { j: () => move(1), k: () => move(-1), u: undo };
    if (current && !current.hidden) {
      keys.y = () => { act(current, "accept"); move(1); };
      keys.n = () => { act(current, "reject"); move(1); };
      keys.e = () => act(current, "edit");
    }
    if (!keys[event.key]) return;
    event.preventDefault();
    keys[event.key]();
  });
  for (const id of ["filter-pass", "filter-term", "filter-decision", "filter-min-score", "filter-max-score"]) {
    document.getElementById(id).addEventListener("input", applyFilters);
    document.getElementById(id).addEventListener("change", applyFilters);
  }
  document.getElementById("accept-shown").addEventListener("click", () => {
    decide(shownIds().filter((id) => rows.get(id).decision === "pending"), "accepted");
  });
  document.getElementById("reject-shown").addEventListener("click", () => {
    decide(shownIds().filter((id) => rows.get(id).decision === "pending"), "rejected");
  });
  document.getElementById("undo").addEventListener("click", undo);
  document.getElementById("export-csv").addEventListener("click", exportCsv);
  window.addEventListener("beforeunload", (event) => {
    if (!unexported) return;
    event.preventDefault();
    event.returnValue = "";  // older browsers show the warning only when this is set
  });

  restore();
  updateSummary();
  applyFilters();
  window.reviewReport = { decide, decisionsCsv, undo, unexported: () => unexported };
})();
