// The theme pair in use (sphinx-book-theme 1.3 with pydata-sphinx-theme 0.17) binds its sidebar handlers to the
// first .primary-toggle and .secondary-toggle on the page, which is a hidden header button; the visible buttons
// then do nothing (the phone menu and "On this page" never open, the desktop collapse is dead). Forward a click
// on a visible toggle to the bound one. Upstream: pydata-sphinx-theme uses querySelector, not querySelectorAll,
// for these buttons (pydata/pydata-sphinx-theme, src/pydata_sphinx_theme/assets/scripts/pydata-sphinx-theme.js).
document.addEventListener("DOMContentLoaded", () => {
  [".primary-toggle", ".secondary-toggle"].forEach((selector) => {
    const toggles = Array.from(document.querySelectorAll(selector));
    const bound = toggles[0];
    toggles.slice(1).forEach((toggle) => {
      toggle.addEventListener("click", (event) => {
        event.preventDefault();
        event.stopPropagation();
        bound.click();
      });
    });
  });
});
