// Measures the status page as the browser laid it out in an <iframe> (whose width is the page's
// viewport: headless Chromium will not make a window narrower than 500 px), and adds the figures
// as JSON in a <pre class="layout-check"> of the outer document, for `chromium --dump-dom` to
// print. Called from each frame's onload; read by OutreachPageIT.
function measure(frame) {
  const window = frame.contentWindow;
  const document = frame.contentDocument;
  const shown = (selector) =>
    [...document.querySelectorAll(selector)]
      .map((e) => ({ text: e.textContent.trim(), box: e.getBoundingClientRect() }))
      .filter((b) => b.box.width > 0 && b.box.height > 0);
  const labels = shown("svg.scale text");
  const overlaps = [];
  for (let i = 0; i < labels.length; i++) {
    for (let j = i + 1; j < labels.length; j++) {
      const a = labels[i].box;
      const b = labels[j].box;
      if (a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom) {
        overlaps.push(labels[i].text + " / " + labels[j].text);
      }
    }
  }
  const dates = [...document.querySelectorAll("time.date")];
  // An ISO date anywhere in the text that is not inside <time class="date"> could break at a hyphen.
  const unwrapped = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const at = n.parentElement;
    if (/\d{4}-\d{2}-\d{2}/.test(n.data) && !at.closest("time.date") && !at.closest("svg")) {
      unwrapped.push(n.data.trim());
    }
  }
  const result = {
    viewport: window.innerWidth,
    scrollWidth: document.documentElement.scrollWidth,
    labels: labels.map((l) => ({
      text: l.text,
      left: l.box.left,
      right: l.box.right,
      top: l.box.top,
      bottom: l.box.bottom,
    })),
    overlaps: overlaps,
    dates: dates.length,
    unwrappedDates: unwrapped,
    brokenDates: dates.filter((e) => e.getClientRects().length !== 1).map((e) => e.textContent),
    // innerText applies text-transform: what the reader sees.
    states: [...document.querySelectorAll(".badge")].map((e) => e.innerText),
    counts: [...document.querySelectorAll(".counts li")].map((e) => e.innerText),
    asOf: document.querySelector("header .as-of").innerText,
  };
  const pre = frame.ownerDocument.createElement("pre");
  pre.className = "layout-check";
  pre.textContent = JSON.stringify(result);
  frame.ownerDocument.body.appendChild(pre);
}
