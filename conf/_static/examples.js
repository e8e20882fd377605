// Folds the part of an example's code that several examples share (the {example}
// directive's fold-after option marks the block "example-fold example-fold-after-N").
// The lines after line N stay in the page, only hidden, so the copy button, the Run
// button and a search of the page still find the whole script; a button shows them.
// Without JavaScript nothing is folded.
(() => {
  const fold = (wrapper) => {
    const after = Number(/\bexample-fold-after-(\d+)\b/.exec(wrapper.className)?.[1]);
    const pre = wrapper.querySelector("div.highlight > pre");
    if (!after || !pre || pre.querySelector(".example-folded")) return;
    // Find the end of line `after`: the text node and offset just past its newline.
    const walker = document.createTreeWalker(pre, NodeFilter.SHOW_TEXT);
    let seen = 0;
    let start = null;
    for (let node = walker.nextNode(); node && !start; node = walker.nextNode()) {
      for (let i = node.data.indexOf("\n"); i !== -1; i = node.data.indexOf("\n", i + 1)) {
        if (++seen === after) {
          start = [node, i + 1];
          break;
        }
      }
    }
    if (!start) return;
    const range = document.createRange();
    range.setStart(...start);
    range.setEndAfter(pre.lastChild);
    const folded = document.createElement("span");
    folded.className = "example-folded";
    folded.id = `${wrapper.closest(".example")?.id || "example"}-folded`;
    folded.append(range.extractContents());
    folded.hidden = true;
    pre.append(folded);
    const hidden = (folded.textContent.match(/\n/g) || []).length;
    const toggle = document.createElement("button");
    toggle.type = "button";
    toggle.className = "example-fold-toggle";
    toggle.setAttribute("aria-controls", folded.id);
    const show = (open) => {
      folded.hidden = !open;
      toggle.setAttribute("aria-expanded", String(open));
      toggle.textContent = open
        ? `Fold lines ${after + 1}–${after + hidden} again`
        : `Show lines ${after + 1}–${after + hidden}`;
    };
    toggle.addEventListener("click", () => {
      show(folded.hidden);
      window.dispatchEvent(new Event("resize")); // a11y.js: is it wider now?
    });
    show(false);
    pre.after(toggle);
  };
  const foldAll = () => document.querySelectorAll("div.example-fold").forEach(fold);
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", foldAll);
  } else {
    foldAll();
  }
})();
