// Writes fixtures/cart-course.json: a realistic CAR-T course as a FHIR R4 transaction Bundle
// (axicabtagene ciloleucel infused on day 0, fever from day 1, CRS with hypotension and
// oxygen on day 3, two tocilizumab doses and dexamethasone, a ferritin series peaking on
// day 4). LOINC codes and UCUM units from shared/fhir-loinc.md, including some alternative
// codes and units (ferritin 20567-4, triglycerides in mmol/L, bilirubin in umol/L,
// creatinine in umol/L, fibrinogen in g/L, one temperature in [degF]) and two resources an
// importer must ignore (entered-in-error, dataAbsentReason). Run: node tests/ehr/make-cart-course.mjs
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const PATIENT = 'cart-1';
const ENCOUNTER = 'enc-cart-1';
const DAY0 = Date.UTC(2024, 2, 4); // 2024-03-04, infusion at 10:00 UTC
const at = (day, hour, minute = 0) => new Date(DAY0 + day * 86400000 + hour * 3600000 + minute * 60000).toISOString().replace('.000Z', 'Z');
const subject = { reference: `Patient/${PATIENT}` };
const encounter = { reference: `Encounter/${ENCOUNTER}` };
const category = (code, display) => [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/observation-category', code, display }] }];
const LAB = category('laboratory', 'Laboratory');
const VITAL = category('vital-signs', 'Vital Signs');
const UCUM = 'http://unitsofmeasure.org';

const resources = [];
let seq = 0;
const id = (prefix) => `${prefix}-${String(++seq).padStart(3, '0')}`;

function obs(code, display, time, value, unit, { vital = false, text, extra = {} } = {}) {
  resources.push({
    resourceType: 'Observation', id: id('obs'), status: 'final', category: vital ? VITAL : LAB,
    code: { coding: [{ system: 'http://loinc.org', code, display }], text: text ?? display },
    subject, encounter, effectiveDateTime: time,
    ...(value === null ? {} : { valueQuantity: { value, unit: unit.replace('10*3/uL', '10³/µL'), system: UCUM, code: unit } }),
    ...extra,
  });
}

// Lab series: [day, hour] → value, in the analyte's primary code and unit.
const labDays = [[-5, 7], [1, 6], [2, 6], [3, 6], [4, 6], [5, 6], [7, 6], [10, 6]];
const series = [
  ['2276-4', 'Ferritin [Mass/volume] in Serum or Plasma', 'ng/mL', [420, 1850, 6200, 12500, null, 15800, 8400, 2900]],
  ['1988-5', 'C reactive protein [Mass/volume] in Serum or Plasma', 'mg/L', [4, 45, 160, 240, 180, 110, 40, 12]],
  ['2532-0', 'Lactate dehydrogenase [Enzymatic activity/volume] in Serum or Plasma', 'U/L', [310, 420, 580, 720, 690, 540, 380, 300]],
  ['777-3', 'Platelets [#/volume] in Blood by Automated count', '10*3/uL', [165, 120, 95, 70, 52, 45, 60, 80]],
  ['751-8', 'Neutrophils [#/volume] in Blood by Automated count', '10*3/uL', [3.1, 0.4, 0.3, 0.3, 0.2, 0.2, 0.5, 1.2]],
  ['6690-2', 'Leukocytes [#/volume] in Blood by Automated count', '10*3/uL', [5.2, 0.9, 0.8, 0.7, 0.6, 0.6, 1.1, 2.3]],
  ['718-7', 'Hemoglobin [Mass/volume] in Blood', 'g/dL', [11.8, 10.9, 10.4, 9.8, 9.3, 9.1, 9.4, 9.9]],
  ['3255-7', 'Fibrinogen [Mass/volume] in Platelet poor plasma by Coagulation assay', 'mg/dL', [390, 420, 310, 180, 140, null, 220, 280]],
  ['2571-8', 'Triglyceride [Mass/volume] in Serum or Plasma', 'mg/dL', [150, 170, 210, 290, 310, 300, null, 220]],
  ['1920-8', 'Aspartate aminotransferase [Enzymatic activity/volume] in Serum or Plasma', 'U/L', [24, 31, 58, 96, 140, 120, 70, 35]],
  ['1742-6', 'Alanine aminotransferase [Enzymatic activity/volume] in Serum or Plasma', 'U/L', [19, 22, 40, 77, 110, 105, 64, 30]],
  ['1975-2', 'Bilirubin.total [Mass/volume] in Serum or Plasma', 'mg/dL', [0.6, 0.7, 0.9, 1.2, 1.4, null, 1.0, 0.8]],
  ['2160-0', 'Creatinine [Mass/volume] in Serum or Plasma', 'mg/dL', [0.8, 0.8, 0.9, 1.3, 1.2, null, 0.9, 0.8]],
];
for (const [code, display, unit, values] of series) {
  values.forEach((v, i) => { if (v !== null) obs(code, display, at(...labDays[i]), v, unit); });
}
// The same analytes under another lab's code or unit (a reader must accept and convert them).
obs('20567-4', 'Ferritin [Mass/volume] in Serum or Plasma by Immunoassay', at(4, 6), 21000, 'ng/mL', { text: 'Ferritin (send-out lab)' });
obs('48664-7', 'Fibrinogen [Mass/volume] in Platelet poor plasma by Coagulation.derived', at(5, 6), 1.6, 'g/L');
obs('14927-8', 'Triglyceride [Moles/volume] in Serum or Plasma', at(7, 6), 3.2, 'mmol/L');
obs('14631-6', 'Bilirubin.total [Moles/volume] in Serum or Plasma', at(5, 6), 24, 'umol/L');
obs('14682-9', 'Creatinine [Moles/volume] in Serum or Plasma', at(5, 6), 97, 'umol/L');
obs('76039-7', 'Interleukin 2 receptor soluble [Mass/volume] in Serum or Plasma', at(3, 6), 8500, 'pg/mL', { text: 'sIL-2R (sCD25)' });
// Two results an importer must report as ignored, with the reason.
obs('2276-4', 'Ferritin [Mass/volume] in Serum or Plasma', at(3, 18), 125000, 'ng/mL', { extra: { status: 'entered-in-error' } });
obs('777-3', 'Platelets [#/volume] in Blood by Automated count', at(3, 18), null, '', {
  extra: { dataAbsentReason: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/data-absent-reason', code: 'error', display: 'Error' }], text: 'Specimen clotted' } },
});

// Vital signs every 6 hours from day 0 to day 7: fever from the evening of day 1.
const temps = [36.8, 36.9, 37.1, 37.0, 37.2, 37.6, 38.4, 38.9, 39.4, 39.8, 39.1, 38.6, 40.1, 39.6, 38.7, 38.2,
  37.9, 37.6, 37.4, 37.2, 37.0, 36.9, 37.1, 36.8, 36.9, 36.7, 36.8, 36.9, 36.6, 36.8, 36.7, 36.8];
temps.forEach((t, i) => {
  const time = at(Math.floor(i / 4), 4 + (i % 4) * 6);
  if (i === 9) obs('8310-5', 'Body temperature', time, 103.6, '[degF]', { vital: true }); // 39.8 °C charted in °F
  else obs('8310-5', 'Body temperature', time, t, 'Cel', { vital: true });
});
const loinc = (code, display) => ({ system: 'http://loinc.org', code, display });
// SpO2 (US Core pulse oximetry: both codes), with the inhaled O2 flow as a component when on oxygen.
for (const [day, hour, spo2, flow] of [[0, 10, 98, null], [2, 10, 96, null], [3, 4, 91, 2], [3, 16, 94, 4], [4, 10, 95, 2], [5, 10, 97, null]]) {
  resources.push({
    resourceType: 'Observation', id: id('obs'), status: 'final', category: VITAL,
    code: { coding: [loinc('59408-5', 'Oxygen saturation in Arterial blood by Pulse oximetry'), loinc('2708-6', 'Oxygen saturation in Arterial blood')] },
    subject, encounter, effectiveDateTime: at(day, hour), valueQuantity: { value: spo2, unit: '%', system: UCUM, code: '%' },
    ...(flow === null ? {} : { component: [{ code: { coding: [loinc('3151-8', 'Inhaled oxygen flow rate')] }, valueQuantity: { value: flow, unit: 'L/min', system: UCUM, code: 'L/min' } }] }),
  });
}
// Blood pressure panels: hypotension on day 3.
for (const [day, hour, sys, dia] of [[0, 10, 124, 76], [2, 10, 112, 68], [3, 4, 88, 52], [3, 16, 96, 58], [4, 10, 110, 66]]) {
  resources.push({
    resourceType: 'Observation', id: id('obs'), status: 'final', category: VITAL,
    code: { coding: [loinc('85354-9', 'Blood pressure panel with all children optional')], text: 'Blood pressure' },
    subject, encounter, effectiveDateTime: at(day, hour),
    component: [
      { code: { coding: [loinc('8480-6', 'Systolic blood pressure')] }, valueQuantity: { value: sys, unit: 'mmHg', system: UCUM, code: 'mm[Hg]' } },
      { code: { coding: [loinc('8462-4', 'Diastolic blood pressure')] }, valueQuantity: { value: dia, unit: 'mmHg', system: UCUM, code: 'mm[Hg]' } },
    ],
  });
}
obs('29463-7', 'Body weight', at(-5, 8), 68, 'kg', { vital: true });
obs('8302-2', 'Body height', at(-5, 8), 165, 'cm', { vital: true });

// Medication administrations: RxNorm and ATC codes.
const med = (rxnorm, atc, name, day, hour, dose, unit) => resources.push({
  resourceType: 'MedicationAdministration', id: id('medadmin'), status: 'completed',
  medicationCodeableConcept: {
    coding: [
      { system: 'http://www.nlm.nih.gov/research/umls/rxnorm', code: rxnorm, display: name },
      { system: 'http://www.whocc.no/atc', code: atc, display: name },
    ],
    text: name,
  },
  subject, context: encounter, effectiveDateTime: at(day, hour),
  dosage: { route: { coding: [{ system: 'http://snomed.info/sct', code: '47625008', display: 'Intravenous route' }] }, dose: { value: dose, unit, system: UCUM, code: unit } },
});
med('612865', 'L04AC07', 'tocilizumab', 2, 14, 544, 'mg'); // 8 mg/kg × 68 kg
med('612865', 'L04AC07', 'tocilizumab', 3, 4, 544, 'mg');
med('3264', 'H02AB02', 'dexamethasone', 3, 5, 10, 'mg');
med('3264', 'H02AB02', 'dexamethasone', 3, 11, 10, 'mg');
med('3264', 'H02AB02', 'dexamethasone', 3, 17, 10, 'mg');
// Not asked for by IEC-Tox: a search by medication code must not return it.
med('161', 'N02BE01', 'acetaminophen', 2, 8, 1000, 'mg');

const patient = {
  resourceType: 'Patient', id: PATIENT, identifier: [{ system: 'urn:oid:2.16.724.4.9.10.2', value: 'CART-0001' }],
  name: [{ family: 'Test', given: ['Ana', 'CAR-T'] }], gender: 'female', birthDate: '1961-03-14',
};
const enc = {
  resourceType: 'Encounter', id: ENCOUNTER, status: 'in-progress',
  class: { system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'IMP', display: 'inpatient encounter' },
  subject, period: { start: at(-6, 8) }, reasonCode: [{ text: 'Axicabtagene ciloleucel infusion (DLBCL)' }],
};
const bundle = {
  resourceType: 'Bundle', type: 'transaction',
  entry: [patient, enc, ...resources].map((r) => ({
    resource: r,
    request: { method: 'PUT', url: `${r.resourceType}/${r.id}` },
  })),
};
const out = join(dirname(fileURLToPath(import.meta.url)), 'fixtures', 'cart-course.json');
writeFileSync(out, `${JSON.stringify(bundle, null, 1)}\n`);
console.log(`${out}: ${bundle.entry.length} resources`);
