// Wrap every figure image of a chapter in a link to the image itself, so that a tap or click opens it at full size
// (figures are scaled down to fit a phone's column; _static/phone-figures.css).
document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll(".cell_output img").forEach((img) => {
    if (img.closest("a")) return;
    const link = document.createElement("a");
    link.href = img.currentSrc || img.src;
    link.className = "figure-zoom";
    link.setAttribute("aria-label", "Open the full-size image: " + (img.alt || "figure"));
    img.parentNode.insertBefore(link, img);
    link.appendChild(img);
  });
});
