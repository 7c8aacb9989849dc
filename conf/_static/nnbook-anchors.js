// Jump to the link's target again once the page has settled.
//
// The sections of a chapter are laid out only near the screen
// (content-visibility: auto in nnbook.css), so the browser's jump to
// #target measured the sections above it by their estimated heights; once
// drawn, they may push the target away. After the page has loaded (fonts
// and figures in place), and after each jump within the page, the target
// is scrolled into view again, unless the reader has scrolled since.
(() => {
  let moved = false;
  for (const type of ["wheel", "touchstart", "keydown", "mousedown"]) {
    addEventListener(type, () => { moved = true; }, {passive: true});
  }
  const again = () => {
    const id = decodeURIComponent(location.hash.slice(1));
    const target = id && document.getElementById(id);
    if (!target || moved) return;
    target.scrollIntoView();
    // The sections now drawn may have changed height: once more, later.
    requestAnimationFrame(() => requestAnimationFrame(() => {
      if (!moved) target.scrollIntoView();
    }));
  };
  const settle = () => document.fonts.ready.then(() =>
    requestAnimationFrame(() => requestAnimationFrame(again)));
  if (document.readyState === "complete") settle();
  else addEventListener("load", settle);
  addEventListener("hashchange", () => { moved = false; settle(); });
})();
