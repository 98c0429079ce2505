// The story form's desk: who else has the story open, a warning as soon as someone else saves it, and the
// collaboration panel's buttons (comment, resolve, assign) sent in the background so the form's edits stay put.
"use strict";

(function () {
  // The panel itself, read once the form is on screen; without scripts its link opens it as a page.
  const placeholder = document.querySelector("#collaboration[data-url]");
  if (placeholder) {
    fetch(placeholder.dataset.url, { credentials: "same-origin" })
      .then((response) => {
        if (!response.ok) throw new Error(response.statusText);
        return response.text();
      })
      .then((html) => {
        const panel = document.createRange().createContextualFragment(html).querySelector("#collaboration");
        if (!panel) throw new Error("not the panel"); // e.g. the login page, once the session has expired
        placeholder.replaceWith(panel);
      })
      .catch(() => {
        const status = placeholder.querySelector(".collaboration__status");
        status.prepend("The desk could not be read here. ");
      });
  }

  const presence = document.getElementById("presence");
  if (!presence) return;
  const csrf = () => document.querySelector("input[name=csrfmiddlewaretoken]").value;
  const opened = document.getElementById("id_edit_token");

  function show(element, text) {
    element.textContent = text;
    element.hidden = !text;
  }

  async function poll() {
    const body = new FormData();
    body.append("csrfmiddlewaretoken", csrf());
    body.append("opened", opened ? opened.value : "");
    try {
      const response = await fetch(presence.dataset.url, { method: "POST", body, credentials: "same-origin" });
      if (!response.ok) return;
      const state = await response.json();
      show(presence.querySelector(".presence__others"), state.also_editing);
      show(presence.querySelector(".presence__saved"), state.saved);
    } catch (error) {
      // Offline for a moment: the next poll tries again.
    }
  }

  poll();
  setInterval(poll, Number(presence.dataset.seconds) * 1000);
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "visible") poll();
  });
  window.addEventListener("pagehide", () => {
    const body = new FormData();
    body.append("csrfmiddlewaretoken", csrf());
    body.append("gone", "1");
    navigator.sendBeacon(presence.dataset.url, body);
  });

  document.addEventListener("click", async (event) => {
    const button = event.target.closest("#collaboration button[name=_collaborate]");
    if (!button) return;
    event.preventDefault();
    const panel = document.getElementById("collaboration");
    const body = new FormData();
    body.append("csrfmiddlewaretoken", csrf());
    body.append("_collaborate", button.value);
    for (const field of panel.querySelectorAll("[name^=collab_]")) body.append(field.name, field.value);
    button.disabled = true;
    try {
      const response = await fetch(button.formAction, {
        method: "POST",
        body,
        credentials: "same-origin",
        headers: { "X-Requested-With": "fetch" },
      });
      panel.outerHTML = await response.text();
    } catch (error) {
      button.disabled = false;
    }
  });
})();
