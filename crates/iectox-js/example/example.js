// Minimal use of the IEC-Tox JS API: import, init, score, read an error.
import init, { assess, hscore, version } from './pkg/iectox_js.js';

await init();
const patient = {
  temperature: { value: 39.6, unit: '°C' },
  ferritin: { value: 12500, unit: 'ng/mL' },
  hepatomegaly: true,
  splenomegaly: true,
};
const report = assess(patient);
const h = report.hscore.assessment;
let text = `iectox ${version()}\nHScore ${h.value ?? `${h.range.min}–${h.range.max}`} (${h.conclusion}); missing: ${h.missing.join(', ')}\n`;
try {
  hscore({ temperature: { value: 3.8, unit: '°C' } });
} catch (e) {
  text += `error: ${e.message} (${e.errors.length} problem)\n`;
}
document.getElementById('out').textContent = text;
