// Helpers to drive the IEC-Tox app like a clinician: fields by their stable ids.
export async function go(page, route) {
  await page.click(`nav a[href="#/${route}"]`);
  await page.waitForFunction((r) => location.hash === `#/${r}`, route);
}

export async function fill(page, field, value, unit) {
  if (unit) await page.selectOption(`#in-${field}-unit`, unit);
  await page.fill(`#in-${field}`, String(value));
}

export async function choose(page, field, value) {
  await page.selectOption(`#in-${field}`, value);
}

export const text = (page, sel) => page.locator(sel).innerText();

export async function newPatient(page) {
  page.once('dialog', (d) => d.accept());
  await page.click('#new-patient');
}
