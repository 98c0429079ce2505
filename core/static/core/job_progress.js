// Polls a background job's status (its admin page's status/ URL) and updates the page; reloads it once the job is
// finished, so the report shows. A static file: the admin's Content-Security-Policy allows no inline script.
(function () {
  "use strict";
  const box = document.getElementById("job-status");
  if (!box || box.dataset.finished === "true") return;
  const field = (name) => box.querySelector(`[data-field="${name}"]`);
  async function poll() {
    try {
      const response = await fetch(box.dataset.statusUrl, { credentials: "same-origin", headers: { Accept: "application/json" } });
      if (!response.ok) throw new Error(response.statusText);
      const status = await response.json();
      if (status.finished) { window.location.reload(); return; }
      field("state_label").textContent = status.state_label;
      field("percent").value = status.percent;
      field("percent_text").textContent = `${status.percent} %`;
      field("step").textContent = status.step;
      const rows = Object.entries(status.counts).map(([name, value]) => {
        const row = document.createElement("tr");
        const th = document.createElement("th");
        th.scope = "row";
        th.textContent = name;
        const td = document.createElement("td");
        td.textContent = value.toLocaleString();
        row.append(th, td);
        return row;
      });
      field("counts").querySelector("tbody").replaceChildren(...rows);
    } catch (error) {
      field("step").textContent = `Could not read the job's progress (${error.message}); trying again.`;
    }
    window.setTimeout(poll, 1500);
  }
  window.setTimeout(poll, 1000);
})();
