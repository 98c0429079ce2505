// The writing desk around the story editor: counts and length hints, the unsaved-changes guard, links to
// people and titles ("@" or the menu button), the Suggested credits panel and the Add credit dialog.
const form = document.getElementById("article_form")
const panel = document.getElementById("suggested-credits")
const WORDS_PER_MINUTE = 230
const HEADLINE_LIMIT = 70 // search engines cut titles past about this many characters
const DEK_LIMIT = 160 // and descriptions past this many

// ---- Leaving with unsaved changes asks first ---------------------------------------------------------------
let dirty = false
const markDirty = () => {
  dirty = true
}
if (form) {
  form.addEventListener("input", (event) => {
    if (!event.target.closest("dialog")) markDirty()
  })
  form.addEventListener("change", (event) => {
    if (!event.target.closest("dialog")) markDirty()
  })
  form.addEventListener("submit", () => {
    dirty = false
  })
  window.addEventListener("beforeunload", (event) => {
    if (!dirty) return
    event.preventDefault()
    event.returnValue = ""
  })
}

// ---- Headline and dek length hints ----------------------------------------------------------------------------
function lengthHint(input, limit, advice) {
  if (!input) return
  const hint = document.createElement("p")
  hint.className = "desk-hint"
  hint.id = `${input.id}-length`
  hint.setAttribute("aria-live", "polite")
  input.setAttribute("aria-describedby", `${input.getAttribute("aria-describedby") || ""} ${hint.id}`.trim())
  input.insertAdjacentElement("afterend", hint)
  const update = () => {
    const n = input.value.trim().length
    const over = n > limit
    hint.textContent = over ? `${n} characters: ${advice}` : `${n} of about ${limit} characters`
    hint.classList.toggle("desk-hint--over", over)
  }
  input.addEventListener("input", update)
  update()
}
lengthHint(document.getElementById("id_headline"), HEADLINE_LIMIT, `search engines cut titles after about ${HEADLINE_LIMIT}.`)
lengthHint(document.getElementById("id_dek"), DEK_LIMIT, `search results cut descriptions after about ${DEK_LIMIT}.`)

// ---- Words and reading time ------------------------------------------------------------------------------------
function counter(editor) {
  const container = editor.view.dom.closest(".prose-editor")
  let line = container.parentElement.querySelector(".desk-count")
  if (!line) {
    line = document.createElement("p")
    line.className = "desk-count"
    line.setAttribute("aria-live", "polite")
    container.append(line) // under the editor, inside its frame
  }
  return line
}
document.addEventListener("desk:text", (event) => {
  const editor = event.detail.editor
  const words = (editor.getText().match(/[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu) || []).length
  const minutes = Math.max(1, Math.round(words / WORDS_PER_MINUTE))
  counter(editor).textContent = `${words} ${words === 1 ? "word" : "words"} · ${minutes} min read`
})

// ---- JSON helpers ---------------------------------------------------------------------------------------------
const csrfToken = () => form?.querySelector("[name=csrfmiddlewaretoken]")?.value || ""

async function post(url, fields) {
  const body = new FormData()
  body.append("csrfmiddlewaretoken", csrfToken())
  body.append("story", panel?.dataset.story || "")
  for (const [name, value] of Object.entries(fields)) {
    for (const item of [].concat(value)) body.append(name, item ?? "")
  }
  const response = await fetch(url, { method: "POST", body, headers: { "X-CSRFToken": csrfToken() } })
  const data = await response.json().catch(() => ({}))
  if (!response.ok) throw new Error(data.error || `The server answered ${response.status}.`)
  return data
}

async function search(kind, term) {
  // The admin autocomplete behind the form's people and titles boxes: the same search, the same labels.
  const field = kind === "person" ? "linked_people" : "linked_films"
  const params = new URLSearchParams({ app_label: "articles", model_name: "article", field_name: field, term })
  const response = await fetch(`${panel.dataset.searchUrl}?${params}`, { headers: { Accept: "application/json" } })
  if (!response.ok) return []
  const data = await response.json()
  return data.results.map((result) => ({ kind, id: result.id, text: result.text }))
}

function element(tag, attrs = {}, children = []) {
  const node = document.createElement(tag)
  for (const [name, value] of Object.entries(attrs)) {
    if (name === "text") node.textContent = value
    else if (name.startsWith("on")) node.addEventListener(name.slice(2), value)
    else node.setAttribute(name, value)
  }
  node.append(...children)
  return node
}

// A search box with a list of results under it; Enter and clicks choose, typing again forgets the choice.
function searchBox(input, list, kinds, onChoose) {
  let timer
  let results = []
  const show = (found) => {
    results = found
    list.replaceChildren(
      ...found.map((result, index) =>
        element("li", {
          role: "option",
          id: `${list.id}-${index}`,
          "aria-selected": "false",
          text: kinds.length > 1 ? `${result.kind === "person" ? "Person" : "Title"}: ${result.text}` : result.text,
          onmousedown: (event) => event.preventDefault(),
          onclick: () => choose(result),
        }),
      ),
    )
    input.setAttribute("aria-expanded", found.length ? "true" : "false")
  }
  const choose = (result) => {
    show([])
    onChoose(result)
  }
  input.addEventListener("input", () => {
    delete input.dataset.id
    onChoose(null)
    clearTimeout(timer)
    const term = input.value.trim()
    if (term.length < 2) return show([])
    timer = setTimeout(async () => {
      const found = (await Promise.all(kinds.map((kind) => search(kind, term)))).flat()
      if (input.value.trim() === term) show(found)
    }, 200)
  })
  input.addEventListener("keydown", (event) => {
    if (event.key !== "Enter") return
    event.preventDefault() // never submits the story form
    if (results.length) choose(results[0])
  })
  return { show }
}

// ---- Links to people and titles while writing -------------------------------------------------------------------
const referenceDialog = document.getElementById("reference-dialog")
let referenceEditor = null

function openReferenceSearch(editor) {
  if (!referenceDialog) return
  referenceEditor = editor
  const { from, to } = editor.state.selection
  const input = document.getElementById("desk-reference-search")
  input.value = editor.state.doc.textBetween(from, to, " ").trim()
  referenceDialog.showModal()
  input.focus()
  if (input.value) input.dispatchEvent(new Event("input"))
}

if (referenceDialog) {
  const input = document.getElementById("desk-reference-search")
  searchBox(input, document.getElementById("desk-reference-results"), ["person", "title"], (result) => {
    if (!result || !referenceEditor) return
    const attrs = result.kind === "person" ? { person: String(result.id) } : { title: String(result.id) }
    const chain = referenceEditor.chain().focus()
    if (referenceEditor.state.selection.empty) {
      const name = result.text.replace(/ \(\d{4}\)$/, "")
      chain
        .insertContent([
          { type: "text", text: name, marks: [{ type: "storyReference", attrs }] },
          { type: "text", text: " " },
        ])
        .run()
    } else {
      chain.setStoryReference(attrs).run()
    }
    referenceDialog.close()
  })
  document.getElementById("desk-reference-cancel").addEventListener("click", () => referenceDialog.close())
  referenceDialog.addEventListener("close", () => referenceEditor?.commands.focus())
  document.addEventListener("desk:reference", (event) => openReferenceSearch(event.detail.editor))
}

document.addEventListener("prose-editor:ready", (event) => {
  const editor = event.detail.editor
  editor.view.dom.setAttribute("aria-label", "Body")
  editor.view.dom.addEventListener("keydown", (keydown) => {
    if (keydown.key === "@" && !keydown.ctrlKey && !keydown.metaKey) {
      keydown.preventDefault()
      openReferenceSearch(editor)
    }
  })
  editor.on("update", markDirty)
  editor.on("update", scheduleCheck)
})

// ---- The linked-credits inline ----------------------------------------------------------------------------------
const creditsGroup = () => document.getElementById("article_credits-group")

function linkedCreditIds() {
  const group = creditsGroup()
  if (!group) return []
  return [...group.querySelectorAll("tr.form-row:not(.empty-form)")]
    .filter((row) => !row.querySelector("input[name$='-DELETE']:checked"))
    .map((row) => row.querySelector("select[name$='-credit']")?.value)
    .filter(Boolean)
}

function addCreditRow(id, label) {
  const group = creditsGroup()
  if (!group) return
  const selects = () => [...group.querySelectorAll("tr.form-row:not(.empty-form) select[name$='-credit']")]
  if (selects().some((select) => select.value === String(id))) return
  let select = selects().find((candidate) => !candidate.value)
  if (!select) {
    group.querySelector(".add-row a").click()
    select = selects().find((candidate) => !candidate.value)
  }
  const $ = window.django?.jQuery
  if ($) $(select).append(new Option(label, id, true, true)).trigger("change")
  else select.append(new Option(label, id, true, true))
  markDirty()
}

// ---- Suggested credits -----------------------------------------------------------------------------------------
let checkTimer
function scheduleCheck() {
  if (!panel) return
  clearTimeout(checkTimer)
  checkTimer = setTimeout(checkCredits, 1500)
}

const status = (text) => {
  document.getElementById("suggested-credits-status").textContent = text
}

async function linkSuggestion(suggestion, button) {
  button.disabled = true
  try {
    let { credit } = suggestion
    let label = `${suggestion.label}${suggestion.year ? ` (${suggestion.year})` : ""}`
    if (!credit) {
      const made = await post(panel.dataset.creditUrl, {
        person: suggestion.person,
        title: suggestion.title,
        role: suggestion.role,
        character: suggestion.character,
      })
      credit = made.credit
      label = made.label
    }
    addCreditRow(credit, label)
    status(`Linked: ${suggestion.label}.`)
    await checkCredits()
  } catch (error) {
    status(error.message)
    button.disabled = false
  }
}

function renderPanel(data) {
  const list = document.getElementById("suggested-credit-list")
  list.replaceChildren(
    ...data.suggestions.map((suggestion) => {
      const action = suggestion.linked
        ? element("span", { class: "desk-panel__linked", text: "Linked" })
        : element("button", { type: "button", class: "button desk-panel__link", text: "Link" })
      if (!suggestion.linked) {
        action.setAttribute("aria-label", `Link ${suggestion.label}`)
        action.addEventListener("click", () => linkSuggestion(suggestion, action))
      }
      return element("li", { class: "desk-suggestion" }, [
        element("span", { class: "desk-suggestion__label", text: suggestion.label }),
        suggestion.year ? element("span", { class: "desk-suggestion__year", text: ` (${suggestion.year})` }) : "",
        element("span", { class: "desk-suggestion__evidence", text: suggestion.evidence }),
        action,
      ])
    }),
  )
  const unmentioned = document.getElementById("unmentioned-credit-list")
  unmentioned.replaceChildren(...data.unmentioned.map((credit) => element("li", { text: credit.label })))
  document.getElementById("unmentioned-credits").hidden = !data.unmentioned.length
  const unmatched = document.getElementById("unmatched-name-list")
  unmatched.replaceChildren(
    ...data.unmatched.map((name) =>
      element("li", { class: "desk-suggestion" }, [
        element("span", { class: "desk-suggestion__label", text: name }),
        element("button", {
          type: "button",
          class: "button",
          text: "Create",
          "aria-label": `Create a credit for ${name}`,
          onclick: () => openCreditDialog({ personName: name }),
        }),
      ]),
    ),
  )
  document.getElementById("unmatched-names").hidden = !data.unmatched.length
  const n = data.suggestions.length
  status(n ? `${n} suggested ${n === 1 ? "credit" : "credits"}.` : "No credits found in the body yet.")
}

async function checkCredits() {
  if (!panel) return
  clearTimeout(checkTimer)
  const body = form.querySelector("textarea[name=body]")?.value || ""
  status("Checking the body…")
  try {
    renderPanel(await post(panel.dataset.suggestionsUrl, { body, credits: linkedCreditIds() }))
  } catch (error) {
    status(error.message)
  }
}

// ---- Add credit: person, title and credit in one step ----------------------------------------------------------
const creditDialog = document.getElementById("add-credit-dialog")
const field = (name) => document.getElementById(`desk-credit-${name}`)

function noteChoice(kind, result) {
  const input = field(kind)
  const note = field(`${kind}-note`)
  if (result) {
    input.value = result.text
    input.dataset.id = result.id
  }
  const typed = input.value.trim()
  note.textContent = input.dataset.id ? "On file." : typed ? `New ${kind}: “${typed}” will be created.` : ""
  if (kind === "title") document.getElementById("desk-credit-new-title").hidden = Boolean(input.dataset.id || !typed)
}

function openCreditDialog({ personName = "" } = {}) {
  for (const name of ["person", "title", "character", "year"]) {
    field(name).value = ""
    delete field(name).dataset.id
  }
  field("person").value = personName
  field("role").value = "actor"
  field("error").textContent = ""
  noteChoice("person", null)
  noteChoice("title", null)
  creditDialog.showModal()
  field(personName ? "title" : "person").focus()
}

if (creditDialog && panel) {
  for (const kind of ["person", "title"]) {
    searchBox(field(kind), field(`${kind}-results`), [kind], (result) => noteChoice(kind, result))
  }
  for (const input of creditDialog.querySelectorAll("input")) {
    input.addEventListener("keydown", (event) => {
      if (event.key === "Enter") event.preventDefault()
    })
  }
  document.getElementById("add-credit").addEventListener("click", () => openCreditDialog())
  document.getElementById("check-credits").addEventListener("click", checkCredits)
  field("cancel").addEventListener("click", () => creditDialog.close())
  field("save").addEventListener("click", async () => {
    const person = field("person")
    const title = field("title")
    try {
      const made = await post(panel.dataset.creditUrl, {
        person: person.dataset.id || "",
        person_name: person.dataset.id ? "" : person.value,
        title: title.dataset.id || "",
        title_name: title.dataset.id ? "" : title.value,
        year: field("year").value,
        kind: field("kind").value,
        role: field("role").value,
        character: field("character").value,
      })
      addCreditRow(made.credit, made.label)
      creditDialog.close()
      status(`Added and linked: ${made.label}.`)
      checkCredits()
    } catch (error) {
      field("error").textContent = error.message
    }
  })
}

// ---- Names for the admin's own unnamed controls on this form -------------------------------------------------
// Django's tabular inlines leave a header cell empty, Select2's multiple boxes and the split date-time widget
// leave inputs without a label; screen readers then announce nothing. Name them from the field's own label.
function labelText(row) {
  return row?.querySelector("label")?.textContent.replace(/:\s*$/, "").trim() || ""
}
function nameUnlabelledControls() {
  for (const th of form.querySelectorAll("thead th.original:empty")) {
    th.append(element("span", { class: "desk-visually-hidden", text: "Saved row" }))
  }
  for (const input of form.querySelectorAll(".select2-search__field:not([aria-label])")) {
    const select = input.closest(".select2-container")?.previousElementSibling
    const label = select?.id && document.querySelector(`label[for="${select.id}"]`)
    if (label) input.setAttribute("aria-label", label.textContent.replace(/:\s*$/, "").trim())
  }
  for (const box of form.querySelectorAll(".select2-selection--single:not([aria-label])")) {
    const select = box.closest(".select2-container")?.previousElementSibling
    const label = select?.id && document.querySelector(`label[for="${select.id}"]`)
    const cell = box.closest("td")
    const header = cell && cell.closest("table").querySelectorAll("thead th")[cell.cellIndex]
    const name = (label || header)?.textContent.replace(/:\s*$/, "").trim()
    if (!name) continue
    box.setAttribute("aria-label", name)
    box.querySelector("[role=textbox]")?.setAttribute("aria-label", name)
  }
  // Select2 puts its "clear" button inside the list of chosen items; an explicit list role keeps it a list.
  for (const list of form.querySelectorAll("ul.select2-selection__rendered:not([role])")) list.setAttribute("role", "list")
  for (const input of form.querySelectorAll(".tabular td input:not([type=hidden]):not([aria-label])")) {
    const cell = input.closest("td")
    const header = cell.closest("table").querySelectorAll("thead th")[cell.cellIndex]
    const name = header?.textContent.trim()
    if (name && !input.labels?.length) input.setAttribute("aria-label", name.toLowerCase())
  }
  for (const input of form.querySelectorAll(".datetime input:not([aria-label])")) {
    if (document.querySelector(`label[for="${input.id}"]`)) continue
    const part = input.classList.contains("vTimeField") ? "time" : "date"
    input.setAttribute("aria-label", `${labelText(input.closest(".form-row"))}, ${part}`)
  }
}
if (form) {
  new MutationObserver(nameUnlabelledControls).observe(form, { childList: true, subtree: true })
  window.addEventListener("load", nameUnlabelledControls)
}
