// The bad-input matrix (issue 13, item 6) through the app's inputs, for a sample of fields on
// their pages: temperature, ferritin, platelets and fibrinogen (HScore), oxygen flow (CRS),
// ICE total and age (ICANS), weight (dosing). Each case is typed into the field (the unit is
// the field's selector, so a "wrong unit" is a unit typed into the number). For each:
// - a refused value shows its specific message next to the field (the field's own error
//   element, linked by aria-describedby, inside the field with its label): the rejected value
//   and the accepted range, or why it is not a number;
// - nothing is computed from it: the result that uses it shows a range (not assessable), never
//   a value as if normal;
// - the other values entered still score.
// The full matrix over every field of a record is crates/iectox/tests/bad_input_matrix.rs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useApp } from './harness.mjs';
import { go, fill, choose, text } from './app.mjs';

const app = useApp();

const OK = { ok: true };
const MISSING = { missing: true };
const refused = (message) => ({ message });
const notANumber = (typed) => refused(`"${typed}" is not a number`);
const HUGE = '1000000000000000000000';

/** The cases of a quantity field: `f` says what is valid, its range and unit, and the
 * outcome of the cases that depend on the field (zero, a single thousands separator). */
function quantityCases(f) {
  const outside = (v) => refused(`${v} ${f.unit} is outside the accepted range ${f.range} ${f.unit}`);
  return [
    ['empty', '', MISSING],
    ['spaces', '   ', MISSING],
    ['text', 'abc', notANumber('abc')],
    ['negative', '-1', outside('-1')],
    ['zero', '0', f.zero === 'ok' ? OK : outside('0')],
    ['NaN', 'NaN', notANumber('NaN')],
    ['Infinity', 'Infinity', notANumber('Infinity')],
    ['1e309', '1e309', notANumber('1e309')],
    ['huge', HUGE, outside(HUGE)],
    ['comma decimal', f.comma, OK],
    ['thousands grouped', '1,234,567', notANumber('1,234,567')],
    ['thousands single', '1,500', f.thousands],
    ['unit typed in the number', `${f.valid} ${f.unit}`, notANumber(`${f.valid} ${f.unit}`)],
    ['unit of another field', `${f.valid} mmol/L`, notANumber(`${f.valid} mmol/L`)],
    ['a yes/no typed', 'true', notANumber('true')],
  ];
}

function countCases(max) {
  const outside = (v) => refused(`${v} is outside the accepted range 0–${max}`);
  return [
    ['empty', '', MISSING],
    ['spaces', '   ', MISSING],
    ['text', 'abc', notANumber('abc')],
    ['negative', '-1', outside('-1')],
    ['zero', '0', OK],
    ['above max', String(max + 1), outside(max + 1)],
    ['NaN', 'NaN', notANumber('NaN')],
    ['Infinity', 'Infinity', notANumber('Infinity')],
    ['1e309', '1e309', notANumber('1e309')],
    ['huge', HUGE, outside(HUGE)],
    ['comma decimal', '7,5', refused(`"7,5" is not a whole number (accepted 0–${max})`)],
    ['thousands grouped', '1,234,567', notANumber('1,234,567')],
    ['thousands single', '1,500', refused('"1,500" could be 1.5 or 1500')],
    ['unit typed in the number', '7 points', notANumber('7 points')],
    ['a yes/no typed', 'true', notANumber('true')],
  ];
}

/** Types each case into `field` and checks it; `scored()` checks the result when the value
 * is usable, `unassessable()` when it is refused or missing, and `rest()` that the other
 * values still score. The valid value is typed back at the end. */
async function matrix(field, valid, cases, { scored, unassessable, rest }) {
  const errorOf = app.page.locator(`#in-${field}-error`);
  for (const [name, typed, expect] of cases) {
    const cell = `${field} × ${name} (${JSON.stringify(typed)})`;
    await fill(app.page, field, typed);
    if (expect.message) {
      const shown = await errorOf.innerText();
      assert.ok(shown.includes(expect.message), `${cell}: ${shown}`);
      // Next to the field: inside the field with its label, and announced with the input.
      const wrapper = app.page.locator(`.field:has(#in-${field})`);
      assert.equal(await wrapper.locator(`#in-${field}-error`).count(), 1, cell);
      assert.equal(await wrapper.locator(`label[for=in-${field}]`).count(), 1, cell);
      assert.equal(await app.page.getAttribute(`#in-${field}`, 'aria-invalid'), 'true', cell);
      assert.match(await app.page.getAttribute(`#in-${field}`, 'aria-describedby'), new RegExp(`\\bin-${field}-error\\b`), cell);
    } else {
      assert.equal(await errorOf.count(), 0, `${cell}: ${(await errorOf.count()) ? await errorOf.innerText() : ''}`);
    }
    if (expect.ok) await scored(cell);
    else await unassessable(cell);
    await rest(cell);
  }
  await fill(app.page, field, valid);
  assert.equal(await errorOf.count(), 0);
  await scored(`${field} = ${valid}`);
}

// ------------------------------------------------------------------------------- HScore

// The issue-10 record (159 points): each field below is tested against the others.
const HSCORE = {
  temperature: ['39.4', '°C', 'Temperature', '33'],
  ferritin: ['3000', 'ng/mL', 'Ferritin', '35'],
  platelets: ['200', '×10⁹/L', 'Cytopenias', '24'],
  fibrinogen: ['3', 'g/L', 'Fibrinogen', '0'],
};
const points = (item) => text(app.page, `#hscore-breakdown tr[data-item=${item}] td.num`);

async function enterHScore() {
  await go(app.page, 'hscore');
  await choose(app.page, 'immunosuppression', 'no');
  await choose(app.page, 'hepatomegaly', 'yes');
  await choose(app.page, 'splenomegaly', 'no');
  await choose(app.page, 'marrow_hemophagocytosis', 'no');
  await fill(app.page, 'haemoglobin', '9', 'g/dL');
  await fill(app.page, 'leukocytes', '4', '×10⁹/L');
  await fill(app.page, 'triglycerides', '2.0', 'mmol/L');
  await fill(app.page, 'ast', '20', 'U/L');
  for (const [field, [value, unit]] of Object.entries(HSCORE)) await fill(app.page, field, value, unit);
  assert.equal(await text(app.page, '#hscore-total'), '159');
}

const HSCORE_FIELDS = {
  temperature: { range: '25–45', zero: 'refused', comma: '39,4', thousands: refused('"1,500" could be 1.5 or 1500 °C') },
  ferritin: { range: '0–500000', zero: 'ok', comma: '3000,5', thousands: refused('"1,500" could be 1.5 or 1500 ng/mL') },
  platelets: { range: '0–3000', zero: 'ok', comma: '200,5', thousands: refused('"1,500" could be 1.5 or 1500 ×10⁹/L') },
  // 1500 g/L is impossible: "1,500" is 1.5 g/L (product decision 11).
  fibrinogen: { range: '0–15', zero: 'ok', comma: '3,5', thousands: OK },
};

for (const [field, f] of Object.entries(HSCORE_FIELDS)) {
  test(`HScore: bad ${field} is refused by name, not scored, and the rest still scores`, async () => {
    if (field === 'temperature') await enterHScore();
    const [valid, unit, item, validPoints] = HSCORE[field];
    // Another item, to show the rest of the patient still scores.
    const [otherField, [, , otherItem, otherPoints]] = Object.entries(HSCORE).find(([k]) => k !== field);
    await matrix(field, valid, quantityCases({ ...f, unit, valid }), {
      scored: async (cell) => {
        assert.match(await points(item), /^\d+$/, cell);
        assert.match(await text(app.page, '#hscore-total'), /^\d+$/, cell);
      },
      unassessable: async (cell) => {
        assert.match(await points(item), /^\d+–\d+$/, `${cell}: the item is a range`);
        assert.match(await text(app.page, '#hscore-total'), /^\d+–\d+$/, `${cell}: the total is a range`);
        assert.match(await text(app.page, '#hscore-breakdown'), /unknown|not known/i, cell);
      },
      rest: async (cell) => assert.equal(await points(otherItem), otherPoints, `${cell}: ${otherField} still scores`),
    });
    assert.equal(await points(item), validPoints);
    assert.equal(await text(app.page, '#hscore-total'), '159');
  });
}

// ---------------------------------------------------------------------------------- CRS

test('CRS: bad oxygen flow is refused by name, hypoxia not graded from it, fever still counts', async () => {
  await go(app.page, 'crs');
  await fill(app.page, 'temperature', '39', '°C');
  await choose(app.page, 'hypotension', 'no');
  await fill(app.page, 'vasopressors', '0');
  await choose(app.page, 'vasopressin', 'no');
  await choose(app.page, 'oxygen_device', 'nasal_cannula');
  await choose(app.page, 'crs_death', 'no');
  await choose(app.page, 'fever_masking_therapy', 'no');
  const grade = () => text(app.page, '#crs-grade');
  await matrix('oxygen_flow', '4', quantityCases({
    unit: 'L/min', valid: '4', range: '0–80', zero: 'ok', comma: '4,5',
    // 1500 L/min is impossible: "1,500" is 1.5 L/min.
    thousands: OK,
  }), {
    scored: async (cell) => assert.equal(await grade(), 'grade 2', cell),
    // Low- or high-flow cannot be decided: grade 2 or 3 — never 2 as if the flow were low.
    unassessable: async (cell) => assert.equal(await grade(), 'grade 2–3', cell),
    // Grade 0 is out of reach: the 39 °C still gives CRS its fever (with the cannula, ≥ 2).
    rest: async (cell) => assert.match(await grade(), /^grade 2/, cell),
  });
});

// -------------------------------------------------------------------------------- ICANS

test('ICANS: bad ICE total and age are refused by name and not graded from', async () => {
  await go(app.page, 'icans');
  await fill(app.page, 'age', '40', 'years');
  await choose(app.page, 'consciousness', 'alert');
  await choose(app.page, 'seizure', 'none');
  await choose(app.page, 'motor_weakness', 'no');
  await choose(app.page, 'cerebral_edema', 'none');
  await choose(app.page, 'icans_death', 'no');
  const grade = () => text(app.page, '#icans-grade');
  await matrix('ice_total', '10', countCases(10), {
    scored: async (cell) => {
      assert.match(await grade(), /^(grade \d|no \(grade 0\))$/, cell);
      assert.match(await text(app.page, '#icans-tool'), /ICE \d+\/10$/, cell);
    },
    unassessable: async (cell) => {
      assert.equal(await grade(), 'grade 0–3', cell);
      assert.doesNotMatch(await text(app.page, '#icans-tool'), /\/10/, cell);
    },
    // The age still chooses the adult tool, ICE.
    rest: async (cell) => assert.match(await text(app.page, '#icans-tool'), /Assessed with ICE/, cell),
  });
  assert.equal(await grade(), 'no (grade 0)');

  // Age: the tool (ICE or CAPD) is not chosen from a refused age.
  await matrix('age', '40', quantityCases({
    unit: 'years', valid: '40', range: '0–120', zero: 'ok', comma: '40,5',
    thousands: OK, // 1500 years is impossible: "1,500" is 1.5 years
  }), {
    scored: async (cell) => {
      assert.match(await text(app.page, '#icans-tool'), /^Assessed with (ICE|CAPD)/, cell);
      assert.equal(await app.page.locator('#in-icans-age-group').count(), 0, cell);
    },
    // The tool is not chosen from a refused age: the app says so and asks "adult or child?".
    unassessable: async (cell) => {
      assert.match(await text(app.page, '#icans-tool'), /ICE or CAPD: age needed/, cell);
      assert.equal(await app.page.locator('#in-icans-age-group').count(), 1, cell);
    },
    // The ICE total entered still scores.
    rest: async (cell) => assert.match(await text(app.page, '#icans-tool'), /ICE 10\/10/, cell),
  });
});

// ------------------------------------------------------------------------------- Dosing

test('Dosing: bad weight is refused by name, no body-surface area from it, the age still decides', async () => {
  await go(app.page, 'treatment');
  await fill(app.page, 'age', '40', 'years');
  await fill(app.page, 'height', '170', 'cm');
  await matrix('weight', '70', quantityCases({
    unit: 'kg', valid: '70', range: '0.3–400', zero: 'refused', comma: '70,5',
    thousands: OK, // 1500 kg is impossible: "1,500" is 1.5 kg
  }), {
    scored: async (cell) => assert.match(await text(app.page, '#bsa'), /m²/, cell),
    unassessable: async (cell) => assert.equal(await app.page.locator('#bsa').count(), 0, `${cell}: no BSA`),
    rest: async (cell) => assert.match(await text(app.page, '#dosing-population'), /adult/i, cell),
  });
  assert.deepEqual(app.problems(), []);
});
