// Six fixes to how pandas tables read in the book, applied when the page loads; the text is unchanged.
document.addEventListener("DOMContentLoaded", () => {
  // Browsers may break a line after any hyphen, which splits dates, periods and hyphenated words
  // ("2024-" / "08", "Half-" / "year"). Wrap each hyphenated word in a span that does not break;
  // lines still break at spaces.
  const hyphenated = /\S-\S/;
  for (const cell of document.querySelectorAll(".cell_output table td, .cell_output table th")) {
    if (cell.children.length > 0 || !hyphenated.test(cell.textContent)) continue;
    const parts = cell.textContent.split(/(\s+)/);
    cell.replaceChildren(
      ...parts.map((part) => {
        // dates, periods and short hyphenated words only; a longer token (an identifier, a version list) may
        // break where it must, so that its table fits the page
        if (!hyphenated.test(part) || part.length > 16) return document.createTextNode(part);
        const word = document.createElement("span");
        word.className = "no-break";
        word.textContent = part;
        return word;
      })
    );
  }

  // Right-align columns that hold only numbers (and the dash for a missing value), headers included,
  // so digits line up; text columns and their headers stay left-aligned. Tables with merged cells in
  // their body are left as they are.
  const number = /^[-−+]?(\d{1,3}(,\d{3})+|\d+)?(\.\d+)?%?$/;
  for (const table of document.querySelectorAll(".cell_output table.dataframe")) {
    const body = table.tBodies.length ? [...table.tBodies[0].rows] : [];
    if (body.length === 0 || !table.tHead) continue;
    const width = body[0].cells.length;
    const merged = (row) => [...row.cells].some((cell) => cell.rowSpan > 1 || cell.colSpan > 1);
    if (body.some((row) => row.cells.length !== width || merged(row))) continue;
    for (let column = 0; column < width; column++) {
      const values = body.map((row) => row.cells[column].textContent.trim()).filter((v) => v && v !== "–");
      if (values.length === 0 || !values.every((v) => number.test(v) && /\d/.test(v))) continue;
      for (const row of [...table.tHead.rows, ...body]) {
        if (row.cells.length === width) row.cells[column].classList.add("numeric");
      }
    }
  }

  // Tables with long text (the claims tables' reasons, policy summaries) cannot fit a phone's width as a
  // grid: on a narrow screen each row becomes a card, every cell under its column's name
  // (table-cells.css, .stack-on-phone). Each cell carries its header as data-label for that.
  for (const table of document.querySelectorAll(".cell_output table.dataframe, .cell_output table.ledger")) {
    if (!table.tHead || table.tHead.rows.length !== 1 || !table.tBodies.length) continue;
    const headers = [...table.tHead.rows[0].cells].map((cell) => cell.textContent.trim());
    const rows = [...table.tBodies[0].rows];
    if (rows.some((row) => row.cells.length !== headers.length)) continue;
    const long = rows.some((row) => [...row.cells].some((cell) => cell.textContent.trim().length > 100));
    if (!long) continue;
    table.classList.add("stack-on-phone");
    for (const row of rows) {
      [...row.cells].forEach((cell, column) => cell.setAttribute("data-label", headers[column]));
    }
  }

  // A long unbroken token (a SHA-256 digest, a file path, an identifier) cannot wrap and would push its table
  // past the page's width; such cells may break anywhere (table-cells.css, .long-token).
  for (const cell of document.querySelectorAll(".cell_output table td")) {
    if (/^\S{30,}$/.test(cell.textContent.trim())) cell.classList.add("long-token");
  }

  // On a wider screen a body cell may break mid-word only where it holds a word longer than most (a URL, an
  // identifier), so that "United States" never reads "Unite" / "d States" (table-cells.css, .long-word).
  for (const cell of document.querySelectorAll(".cell_output table td")) {
    if (/\S{16,}/.test(cell.textContent)) cell.classList.add("long-word");
  }
  // A table still wider than its column lets every body cell break mid-word (.tight) rather than scroll.
  const tables = [...document.querySelectorAll(".cell_output table.dataframe")];
  const fit = () => {
    for (const table of tables) table.classList.remove("tight");
    for (const table of tables) {
      const box = table.parentElement;
      if (box && box.scrollWidth > box.clientWidth + 1) table.classList.add("tight");
    }
  };
  fit();
  window.addEventListener("resize", fit);
});
