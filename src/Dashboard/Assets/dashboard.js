// Sortable tables and the live event list. No framework, nothing fetched from another host.
"use strict";

function sortBy(table, column, header) {
  const body = table.tBodies[0];
  const ascending = !header.classList.contains("asc");
  for (const th of table.tHead.rows[0].cells) th.classList.remove("asc", "desc");
  header.classList.add(ascending ? "asc" : "desc");
  const key = (row) => {
    const cell = row.cells[column];
    if (!cell) return "";
    return cell.dataset.sort !== undefined ? Number(cell.dataset.sort) : cell.textContent;
  };
  const rows = Array.from(body.rows);
  rows.sort((a, b) => {
    const x = key(a), y = key(b);
    const order = typeof x === "number" && typeof y === "number" ? x - y : String(x).localeCompare(String(y));
    return ascending ? order : -order;
  });
  for (const row of rows) body.appendChild(row);
}

function makeSortable(table) {
  Array.from(table.tHead.rows[0].cells).forEach((th, i) => th.addEventListener("click", () => sortBy(table, i, th)));
}

function cell(text, sortKey) {
  const td = document.createElement("td");
  td.textContent = text;
  if (sortKey !== undefined) { td.className = "num"; td.dataset.sort = sortKey; }
  return td;
}

function followEvents(container) {
  const table = container.querySelector("table");
  const source = new EventSource(`/runs/${container.dataset.run}/events?after=${container.dataset.after}`);
  source.addEventListener("run-event", (message) => {
    const line = JSON.parse(message.data);
    const row = document.createElement("tr");
    row.className = "new";
    const data = document.createElement("td");
    const code = document.createElement("code");
    code.textContent = line.summary;
    data.appendChild(code);
    row.append(cell(String(line.version), line.version), cell(line.time), cell(line.type), data);
    table.tBodies[0].appendChild(row);
    container.dataset.after = String(line.version);
    if (line.type === "SearchCompleted" || line.type === "RunFailed") {
      const status = document.getElementById("status");
      if (status) status.textContent = line.type === "SearchCompleted" ? "completed (reload for the final front)" : "failed";
    }
  });
}

document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll("table.sortable").forEach(makeSortable);
  const events = document.getElementById("events");
  if (events) followEvents(events);
});
