// The 30-day course of the benchmarks (issue 11): 4 time points a day (120), the daily panel
// at each, as a FHIR Bundle; and how to import it through the app's FHIR page as a new patient
// with its infusion at day 0.
const LOINC = { ferritin: ['2276-4', 'ng/mL'], fibrinogen: ['48664-7', 'g/L'], ast: ['1920-8', 'U/L'],
  alt: ['1742-6', 'U/L'], ldh: ['2532-0', 'U/L'], bilirubin: ['1975-2', 'mg/dL'], creatinine: ['2160-0', 'mg/dL'],
  crp: ['1988-5', 'mg/L'], temperature: ['8310-5', 'Cel'] };
const DAY0 = Date.UTC(2026, 10, 1, 8, 0);

export function bundle() {
  const entry = [];
  for (let i = 0; i < 120; i++) {
    const t = new Date(DAY0 + i * 6 * 3600e3).toISOString().replace('.000', '');
    const v = { ferritin: 500 + 150 * i, fibrinogen: Math.max(0.6, 4 - i * 0.03), ast: 30 + i, alt: 25 + i,
      ldh: 250 + 5 * i, bilirubin: 0.8 + i * 0.01, creatinine: 0.9, crp: 20 + (i % 8) * 10, temperature: 37 + (i % 5) * 0.5 };
    for (const [k, [code, unit]] of Object.entries(LOINC)) {
      entry.push({ resource: { resourceType: 'Observation', id: `${k}-${i}`, status: 'final',
        code: { coding: [{ system: 'http://loinc.org', code }] }, effectiveDateTime: t,
        valueQuantity: { value: Math.round(v[k] * 100) / 100, unit, system: 'http://unitsofmeasure.org', code: unit } } });
    }
  }
  return JSON.stringify({ resourceType: 'Bundle', type: 'collection', entry });
}

/** Imports the course as a new patient and sets its infusion; ends on the Course page. */
export async function importCourse(page) {
  await page.click('nav a[href="#/import"]');
  await page.fill('#fhir-paste', bundle());
  await page.click('#fhir-read-paste');
  await page.locator('#fhir-read').waitFor();
  await page.click('#fhir-apply-new');
  await page.locator('#fhir-applied').waitFor();
  await page.click('nav a[href="#/course"]');
  await page.fill('#course-infusion', '2026-11-01T08:00');
  await page.locator('#course-infusion').dispatchEvent('change');
  await page.locator('#chart-ferritin').waitFor();
}
