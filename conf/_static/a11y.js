// Keyboard access to content that scrolls sideways (WCAG 2.1.1; axe-core rule
// scrollable-region-focusable): a code block or table wider than its box gets a tab
// stop, so it can be scrolled with the arrow keys; one that fits gets none. Checked
// when the page loads and whenever the window changes size.
(() => {
  const scrollable = "div.highlight > pre, div.table-wrapper";
  const mark = () => {
    for (const element of document.querySelectorAll(scrollable)) {
      if (element.scrollWidth > element.clientWidth) {
        element.tabIndex = 0;
      } else {
        element.removeAttribute("tabindex");
      }
    }
  };
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", mark);
  } else {
    mark();
  }
  window.addEventListener("resize", mark);
})();
