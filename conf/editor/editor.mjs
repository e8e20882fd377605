// The site's code editor: CodeMirror 6 (pinned in conf/package.json and its lock),
// bundled by the build into _static/exercise/editor.js (exercise_page.py) and
// loaded only when a reader starts editing an example or an exercise.
//
// createEditor(parent, options) puts an editor in `parent` and returns
// { getValue(), setValue(text), focus(), destroy(), view }. options:
//   doc       the text to edit
//   label     its accessible name ("Code of gather_two_tasks.py, editable")
//   python    highlight and indent as Python (default true; false: plain text)
//   onChange  called after each edit
//   onSubmit  Ctrl+Enter (Cmd+Enter): run, or check
//
// The keyboard: Tab and Shift+Tab indent, Enter keeps the indentation (and adds a
// level after a colon), Alt+Up/Down move a line. Escape, then Tab, leaves the
// editor (CodeMirror's tab-focus mode), so the keyboard is never trapped.

import {
  defaultKeymap,
  history,
  historyKeymap,
  indentWithTab,
  temporarilySetTabFocusMode,
} from "@codemirror/commands";
import { python } from "@codemirror/lang-python";
import {
  bracketMatching,
  indentOnInput,
  indentUnit,
  syntaxHighlighting,
} from "@codemirror/language";
import { EditorState, Prec } from "@codemirror/state";
import {
  drawSelection,
  EditorView,
  highlightActiveLine,
  keymap,
  lineNumbers,
} from "@codemirror/view";
import { classHighlighter } from "@lezer/highlight";

// The editor's look, on every page that loads it (examples' Edit, exercises): furo's
// colour variables, and token colours of at least 4.5:1 on the code background in
// light and dark mode (the browser tests run axe-core with the editor open).
const STYLE = `
/* The editor: CodeMirror, looking like the code block it replaces. */
.exercise-editor,
.example-run-cm {
  display: block;
  width: 100%;
}
.example-run-cm[hidden] {
  display: none;
}
.exercise-editor .cm-editor,
.example-run-cm .cm-editor {
  font-family: var(--font-stack--monospace);
  font-size: var(--code-font-size);
  line-height: 1.5;
  background: var(--color-code-background);
  color: var(--color-code-foreground);
  border: 1px solid var(--color-foreground-border);
  border-radius: 0.2rem;
}
.cm-editor .cm-scroller {
  font-family: inherit;
}
.cm-editor .cm-gutters {
  background: var(--color-background-secondary);
  color: var(--color-foreground-secondary);
  border-right: 1px solid var(--color-foreground-border);
}
.cm-editor .cm-activeLine {
  background: var(--color-background-hover);
}
.cm-editor .cm-cursor {
  border-left-color: var(--color-foreground-primary);
}
.cm-editor .cm-selectionBackground,
.cm-editor.cm-focused .cm-selectionBackground {
  background: var(--color-background-border) !important;
}
.exercise-textarea {
  box-sizing: border-box;
  width: 100%;
  font-family: var(--font-stack--monospace);
  font-size: var(--code-font-size);
  background: var(--color-code-background);
  color: var(--color-code-foreground);
}

/* Token colours (CodeMirror's tok-* classes): at least 4.5:1 on the code background
   in light and dark mode. */
.cm-editor {
  --tok-keyword: #7a2d9c;
  --tok-string: #1d6b27;
  --tok-comment: #5c6370;
  --tok-number: #0b5fa5;
  --tok-def: #0b5fa5;
  --tok-builtin: #8a4b00;
}
body[data-theme="dark"] .cm-editor {
  --tok-keyword: #d7a8ff;
  --tok-string: #a6e3a1;
  --tok-comment: #a0a8b8;
  --tok-number: #89c4ff;
  --tok-def: #89c4ff;
  --tok-builtin: #ffc27a;
}
@media (prefers-color-scheme: dark) {
  body:not([data-theme="light"]) .cm-editor {
    --tok-keyword: #d7a8ff;
    --tok-string: #a6e3a1;
    --tok-comment: #a0a8b8;
    --tok-number: #89c4ff;
    --tok-def: #89c4ff;
    --tok-builtin: #ffc27a;
  }
}
.cm-editor .tok-keyword,
.cm-editor .tok-operatorKeyword,
.cm-editor .tok-controlKeyword {
  color: var(--tok-keyword);
}
.cm-editor .tok-string,
.cm-editor .tok-string2 {
  color: var(--tok-string);
}
.cm-editor .tok-comment {
  color: var(--tok-comment);
  font-style: italic;
}
.cm-editor .tok-number,
.cm-editor .tok-bool,
.cm-editor .tok-atom {
  color: var(--tok-number);
}
.cm-editor .tok-definition,
.cm-editor .tok-variableName.tok-definition,
.cm-editor .tok-className {
  color: var(--tok-def);
}
.cm-editor .tok-variableName.tok-standard,
.cm-editor .tok-typeName {
  color: var(--tok-builtin);
}
`;

function addStyle() {
  if (document.getElementById("code-editor-style")) return;
  const style = document.createElement("style");
  style.id = "code-editor-style";
  style.textContent = STYLE;
  document.head.append(style);
}

export function createEditor(parent, options) {
  addStyle();
  const { doc = "", label = "Code, editable", onChange, onSubmit } = options;
  const submit = () => {
    if (onSubmit) onSubmit();
    return true;
  };
  const extensions = [
    lineNumbers(),
    history(),
    drawSelection(),
    highlightActiveLine(),
    bracketMatching(),
    indentOnInput(),
    indentUnit.of("    "),
    EditorState.tabSize.of(4),
    syntaxHighlighting(classHighlighter),
    Prec.highest(
      keymap.of([
        { key: "Mod-Enter", run: submit },
        { key: "Escape", run: temporarilySetTabFocusMode },
      ]),
    ),
    keymap.of([...defaultKeymap, ...historyKeymap, indentWithTab]),
    EditorView.contentAttributes.of({
      "aria-label": label,
      autocapitalize: "off",
      autocorrect: "off",
      spellcheck: "false",
    }),
    EditorView.updateListener.of((update) => {
      if (update.docChanged && onChange) onChange();
    }),
  ];
  if (options.python !== false) extensions.push(python());
  const view = new EditorView({
    parent,
    state: EditorState.create({ doc, extensions }),
  });
  return {
    view,
    getValue: () => view.state.doc.toString(),
    setValue(text) {
      view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text } });
    },
    focus: () => view.focus(),
    destroy: () => view.destroy(),
  };
}
