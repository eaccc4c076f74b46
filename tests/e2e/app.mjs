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

/** Opens a new, empty patient (the previous one stays in the patient list). */
export async function newPatient(page) {
  await page.click('#new-patient');
}

/** The units a quantity field offers, read from its selector (in page order). */
export async function unitsOf(page, field) {
  return page.$$eval(`#in-${field}-unit option`, (os) => os.map((o) => o.value));
}

/** Switches the unit a field is shown in, without typing. */
export async function switchUnit(page, field, unit) {
  await page.selectOption(`#in-${field}-unit`, unit);
}

/** The "converted from …" note of a field, or null when it shows the value as typed. */
export async function convertedNote(page, field) {
  const note = page.locator(`#in-${field}-converted`);
  return (await note.count()) ? note.innerText() : null;
}
