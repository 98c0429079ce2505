// Person autocomplete for the connections form: fills the shared <datalist> with public people as the reader
// types. Without this script the form still works with slugs.
(function () {
  const form = document.querySelector("form[data-suggest]");
  if (!form) return;
  const list = document.getElementById(form.querySelector("input[list]").getAttribute("list"));
  let pending = null;
  async function suggest(term) {
    const response = await fetch(`${form.dataset.suggest}?q=${encodeURIComponent(term)}`, { headers: { Accept: "application/json" } });
    if (!response.ok) return;
    const { people } = await response.json();
    list.replaceChildren(...people.map(({ name, slug }) => {
      const option = document.createElement("option");
      option.value = slug;
      option.label = name;
      option.textContent = name;
      return option;
    }));
  }
  form.querySelectorAll("input[list]").forEach((input) => {
    input.addEventListener("input", () => {
      clearTimeout(pending);
      const term = input.value.trim();
      if (term.length >= 2) pending = setTimeout(() => suggest(term), 150);
    });
  });
})();
