"use strict";
(function () {
  const data = JSON.parse(document.getElementById("review-data").textContent);
  const rows = new Map(data.rows.map((row) => [row.id, row]));
  const DECISIONS = ["pending", "accepted", "rejected", "edited"];

  function decide(id, decision, replacement) {
    const row = rows.get(id);
    if (decision === "edited" && replacement === row.proposed) decision = "accepted";
    row.decision = decision;
    row.replacement = decision === "edited" ? replacement : row.proposed;
    const card = document.getElementById("p-" + id);
    card.dataset.decision = decision;
    card.querySelector(".decision").textContent = decision;
    card.querySelector("ins").textContent = row.replacement;
    card.querySelector(".edit-text").value = row.replacement;
    updateSummary();
    applyFilters();
  }

  function fillCounts(tableRow, members) {
    tableRow.querySelector('[data-count="total"]').textContent = members.length;
    for (const decision of DECISIONS) {
      tableRow.querySelector('[data-count="' + decision + '"]').textContent =
        members.filter((row) => row.decision === decision).length;
    }
  }

  function updateSummary() {
    const all = [...rows.values()];
    fillCounts(document.querySelector("#by-decision tr:last-child"), all);
    for (const [group, field] of [["pass", "pass"], ["term", "term"]]) {
      for (const tableRow of document.querySelectorAll("#by-" + group + " tr[data-key]")) {
        fillCounts(tableRow, all.filter((row) => row[field] === tableRow.dataset.key));
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
    for (const card of document.querySelectorAll(".proposal")) {
      const score = parseFloat(card.dataset.score);
      const visible = (!pass || card.dataset.pass === pass) && (!term || card.dataset.term === term)
        && (!decision || card.dataset.decision === decision)
        && (isNaN(low) || score >= low) && (isNaN(high) || score <= high);
      card.hidden = !visible;
      if (visible) shown += 1;
    }
    document.getElementById("shown").textContent = shown + " of " + rows.size + " shown";
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
  }

  document.querySelector("main").addEventListener("click", (event) => {
    const button = event.target.closest("button[data-action]");
    if (!button) return;
    const card = button.closest(".proposal");
    const input = card.querySelector(".edit-text");
    if (button.dataset.action === "edited") {
      input.hidden = false;
      input.focus();
    } else {
      input.hidden = true;
      decide(card.dataset.id, button.dataset.action);
    }
  });
  document.querySelector("main").addEventListener("change", (event) => {
    if (!event.target.classList.contains("edit-text")) return;
    const card = event.target.closest(".proposal");
    decide(card.dataset.id, "edited", event.target.value);
  });
  for (const id of ["filter-pass", "filter-term", "filter-decision", "filter-min-score", "filter-max-score"]) {
    document.getElementById(id).addEventListener("input", applyFilters);
    document.getElementById(id).addEventListener("change", applyFilters);
  }
  document.getElementById("export-csv").addEventListener("click", exportCsv);
  window.reviewReport = { decide, decisionsCsv };
})();
