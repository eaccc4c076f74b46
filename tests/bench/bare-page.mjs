// The browser's floor for the latency benchmarks: a page with one text input whose every
// keystroke changes one line of text, and no app. What a keystroke costs here (editing the
// field, a style/layout/paint of a tiny page, waiting for the next frame) no app can go under.
export const BARE_PAGE = '<!doctype html><meta name="viewport" content="width=device-width">' +
  '<main><label>Value <input id="bare" inputmode="decimal"></label><p id="bare-out">0</p></main>' +
  '<script>document.getElementById("bare").addEventListener("input", (e) => {' +
  ' document.getElementById("bare-out").textContent = e.target.value.length; });</script>';
