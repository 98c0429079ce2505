// The story form's Claim check panel, read once the form is on screen (the check holds the copy against the
// credits graph, which the form need not wait for). Without scripts the panel's link opens it as a page.
"use strict";

(function () {
  const placeholder = document.getElementById("claim-check");
  if (!placeholder) return;
  const status = placeholder.querySelector(".claim-check__status");
  status.textContent = "Checking the copy's claims…";
  fetch(placeholder.dataset.url, { credentials: "same-origin" })
    .then((response) => {
      if (!response.ok) throw new Error(response.statusText);
      return response.text();
    })
    .then((html) => {
      const panel = document.createRange().createContextualFragment(html).querySelector(".claim-check");
      if (!panel) throw new Error("not the panel"); // e.g. the login page, once the session has expired
      placeholder.replaceWith(panel);
    })
    .catch(() => {
      status.textContent = "The claim check could not be read. ";
      const link = document.createElement("a");
      link.href = placeholder.dataset.url.replace("?panel=1", "");
      link.textContent = "Open it on its own page";
      status.append(link);
    });
})();
