// The newsroom's own editor extensions, loaded by django-prose-editor's "configurable" preset.
// Each mark stores exactly the HTML the public page allows (core/sanitize.py).
import { Extension, Mark } from "django-prose-editor/editor"

const simpleMark = (name, tag, label, shortcut) =>
  Mark.create({
    name,
    parseHTML: () => [{ tag }],
    renderHTML: ({ HTMLAttributes }) => [tag, HTMLAttributes, 0],
    addCommands() {
      return { [`toggle_${name}`]: () => ({ commands }) => commands.toggleMark(name) }
    },
    addKeyboardShortcuts() {
      return shortcut ? { [shortcut]: () => this.editor.commands.toggleMark(name) } : {}
    },
    addMenuItems({ menu, buttons }) {
      menu.defineItem({
        name,
        groups: "marks",
        button: buttons.text(label),
        command: (editor) => editor.chain().focus().toggleMark(name).run(),
        active: (editor) => editor.isActive(name),
      })
    },
  })

// <q>: a quotation inside a paragraph; the browser draws the quotation marks.
export const InlineQuote = simpleMark("inlineQuote", "q", "“q”", "Mod-Shift-'")
// <cite>: the title of a work ("on <cite>Space Oddity</cite>").
export const Citation = simpleMark("citation", "cite", "cite")
// <small>: side notes such as "(With inputs from IANS)".
export const SmallPrint = simpleMark("smallPrint", "small", "small")

// A link to a person or a title by id: <a data-person="12"> / <a data-title="34">. The public page turns it
// into a link to the object's page when it is built, so a new slug never breaks it.
export const StoryReference = Mark.create({
  name: "storyReference",
  priority: 1100, // parsed before the plain link mark, which would otherwise take every <a>
  inclusive: false,
  excludes: "link",
  addAttributes() {
    return {
      person: {
        default: null,
        parseHTML: (el) => el.getAttribute("data-person"),
        renderHTML: (attrs) => (attrs.person ? { "data-person": attrs.person } : {}),
      },
      title: {
        default: null,
        parseHTML: (el) => el.getAttribute("data-title"),
        renderHTML: (attrs) => (attrs.title ? { "data-title": attrs.title } : {}),
      },
    }
  },
  parseHTML: () => [{ tag: "a[data-person]" }, { tag: "a[data-title]" }],
  renderHTML: ({ HTMLAttributes }) => ["a", { ...HTMLAttributes, class: "story-reference" }, 0],
  addCommands() {
    return {
      setStoryReference:
        (attrs) =>
        ({ chain }) =>
          chain().unsetMark("link").setMark(this.name, attrs).run(),
      unsetStoryReference:
        () =>
        ({ commands }) =>
          commands.unsetMark(this.name, { extendEmptyMarkRange: true }),
    }
  },
  addMenuItems({ menu, buttons }) {
    menu.defineItem({
      name: "storyReference",
      groups: "link",
      button: buttons.text("@ Person or title"),
      command: (editor) =>
        editor.view.dom.dispatchEvent(new CustomEvent("desk:reference", { bubbles: true, detail: { editor } })),
      active: (editor) => editor.isActive("storyReference"),
    })
    menu.defineItem({
      name: "storyReference:unset",
      groups: "link",
      button: buttons.text("Unlink name"),
      command: (editor) => editor.chain().focus().unsetStoryReference().run(),
      hidden: (editor) => !editor.isActive("storyReference"),
    })
  },
})

// Back to plain paragraphs: every mark and block style in the selection goes.
export const ClearFormatting = Extension.create({
  name: "clearFormatting",
  addMenuItems({ menu, buttons }) {
    menu.defineItem({
      name: "clearFormatting",
      groups: "utility",
      button: buttons.text("Clear formatting"),
      command: (editor) => editor.chain().focus().unsetAllMarks().clearNodes().run(),
    })
  },
})

// Words and reading time under the editor, updated as the text changes.
export const WordCount = Extension.create({
  name: "wordCount",
  onCreate() {
    this.editor.view.dom.dispatchEvent(new CustomEvent("desk:text", { bubbles: true, detail: { editor: this.editor } }))
  },
  onUpdate() {
    this.editor.view.dom.dispatchEvent(new CustomEvent("desk:text", { bubbles: true, detail: { editor: this.editor } }))
  },
})
