// Registers the service worker (offline use) and offers "new version — reload" when a new
// build is installed. No inline script: this file is served from the app's own origin.
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
