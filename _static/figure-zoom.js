// Wrap every figure image of a chapter in a link to the image itself, so that a tap or click opens it at full size
// (figures are scaled down to fit a phone's column; _static/phone-figures.css).
document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll(".cell_output img").forEach((img) => {
    const label = "Open the full-size image: " + (img.alt || "figure");
    const existing = img.closest("a");
    if (existing) {
      // Sphinx already links an image drawn at a set width to the file itself; that link is the zoom
      if (existing.classList.contains("image-reference")) {
        existing.classList.add("figure-zoom");
        existing.setAttribute("aria-label", label);
      }
      return;
    }
    const link = document.createElement("a");
    link.href = img.currentSrc || img.src;
    link.className = "figure-zoom";
    link.setAttribute("aria-label", label);
    img.parentNode.insertBefore(link, img);
    link.appendChild(img);
  });
});
