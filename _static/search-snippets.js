// Search result snippets come from each page's text (Sphinx's Search.htmlToText), which includes the
// code of cells the book hides behind "Show code cell source". Those cells are dropped before the
// snippet is taken, so a result shows the prose a reader sees, not hidden set-up code; so is the page's
// button bar (download, full screen, theme), whose labels would otherwise open every snippet.
document.addEventListener("DOMContentLoaded", () => {
  if (typeof Search === "undefined" || typeof Search.htmlToText !== "function") return;
  const original = Search.htmlToText;
  const hidden = [
    ".tag_hide-input .cell_input",
    ".tag_hide-input details.above-input",
    ".tag_remove-input .cell_input",
    ".bd-header-article",
  ].join(", ");
  Search.htmlToText = (htmlString, anchor) => {
    const page = new DOMParser().parseFromString(htmlString, "text/html");
    page.querySelectorAll(hidden).forEach((element) => element.remove());
    return original(page.documentElement.outerHTML, anchor);
  };
});
