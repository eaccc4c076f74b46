// Sets up the static frame of index.html before its first paint (its language, as the app
// will choose it, and embed mode), registers the service worker (offline use) and offers
// "new version — reload" when a new build is installed. No inline script: this file is
// served from the app's own origin, and runs in <head> (not deferred).
(() => {
  const root = document.documentElement;
  let lang = null;
  try { lang = JSON.parse(localStorage.getItem('iectox.lang')); } catch { /* no storage here */ }
  if (lang !== 'en' && lang !== 'es') lang = (navigator.language || '').startsWith('es') ? 'es' : 'en';
  root.lang = lang;
  if (location.hash.startsWith('#/embed/')) root.classList.add('boot-embed');
  // The full disclaimer is open until acknowledged on this device (web/src/components/header.rs,
  // same key): the frame shows it exactly when the app will, so nothing below it moves.
  let seen = false;
  try { seen = JSON.parse(localStorage.getItem('iectox.disclaimer.seen')) === true; } catch { /* no storage: open */ }
  if (seen) root.classList.add('boot-disclaimer-seen');
  // The current page's link is marked as the app will mark it (bold changes its width). A
  // mutation observer runs at the end of the parser's task, before any paint.
  const want = location.hash || '#/';
  const mark = () => {
    const link = [...document.querySelectorAll('#boot .app-nav a')].find((a) => a.getAttribute('href') === want);
    if (!link?.firstElementChild) return false;
    link.classList.add('active');
    link.firstElementChild.setAttribute('aria-current', 'page');
    // Where the nav is one scrollable line, bring the link into it as the app does
    // (web/src/components/nav.rs, same integer arithmetic). Animation frames run once the
    // stylesheet has loaded and before the first paint.
    requestAnimationFrame(() => {
      const list = link.closest('ul');
      if (!list || list.scrollWidth <= list.clientWidth) return;
      list.scrollLeft = Math.max(0, link.offsetLeft - Math.trunc((list.clientWidth - link.offsetWidth) / 2));
    });
    return true;
  };
  const watch = new MutationObserver(() => { if (mark()) watch.disconnect(); });
  watch.observe(root, { childList: true, subtree: true });
  addEventListener('DOMContentLoaded', () => watch.disconnect(), { once: true });
})();

if ('serviceWorker' in navigator && location.protocol !== 'file:') {
  const text = () => (document.documentElement.lang === 'es'
    ? { msg: 'Hay una versión nueva de IEC-Tox.', btn: 'Recargar' }
    : { msg: 'A new version of IEC-Tox is available.', btn: 'Reload' });
  const offer = (worker) => {
    if (document.getElementById('update-banner')) return;
    const t = text();
    const bar = document.createElement('div');
    bar.id = 'update-banner';
    bar.setAttribute('role', 'status');
    bar.className = 'update-banner';
    const span = document.createElement('span');
    span.textContent = t.msg + ' ';
    const button = document.createElement('button');
    button.type = 'button';
    button.textContent = t.btn;
    button.addEventListener('click', () => {
      updateRequested = true;
      worker.postMessage('skip-waiting');
    });
    bar.append(span, button);
    document.body.append(bar);
  };
  // Reload only when the user asked for the new version: the first install also changes the
  // controller (clients.claim), and must not reload the page under the clinician's hands.
  let updateRequested = false;
  let reloading = false;
  navigator.serviceWorker.addEventListener('controllerchange', () => {
    if (!updateRequested || reloading) return;
    reloading = true;
    location.reload();
  });
  // Registered once the page has loaded: the worker then copies the files the page has just
  // put in the HTTP cache instead of downloading them a second time alongside it.
  const register = () => navigator.serviceWorker.register('./sw.js').then((reg) => {
    if (reg.waiting && navigator.serviceWorker.controller) offer(reg.waiting);
    reg.addEventListener('updatefound', () => {
      const worker = reg.installing;
      worker?.addEventListener('statechange', () => {
        if (worker.state === 'installed' && navigator.serviceWorker.controller) offer(worker);
      });
    });
  }).catch(() => { /* no offline support on this host; the app still works online */ });
  if (document.readyState === 'complete') register();
  else addEventListener('load', register, { once: true });
}
