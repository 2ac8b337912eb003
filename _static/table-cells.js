// Browsers may break a line after any hyphen, which splits dates, periods and hyphenated words in table
// cells ("2024-" / "08", "Half-" / "year"). Wrap each hyphenated word of a table cell in a span that
// does not break; lines still break at spaces, and the text (for copying or search) is unchanged.
document.addEventListener("DOMContentLoaded", () => {
  const hyphenated = /\S-\S/;
  for (const cell of document.querySelectorAll(".cell_output table td, .cell_output table th")) {
    if (cell.children.length > 0 || !hyphenated.test(cell.textContent)) continue;
    const parts = cell.textContent.split(/(\s+)/);
    cell.replaceChildren(
      ...parts.map((part) => {
        if (!hyphenated.test(part)) return document.createTextNode(part);
        const word = document.createElement("span");
        word.className = "no-break";
        word.textContent = part;
        return word;
      })
    );
  }
});
