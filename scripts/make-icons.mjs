// Writes the app icons (PNG) without any image tool: a blue tile with a white "thermometer
// and pulse" mark. Run once; the PNGs are committed. `node scripts/make-icons.mjs`.
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (buf) => {
  let c = 0xffffffff;
  for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};
function chunk(type, data) {
  const len = Buffer.alloc(4); len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type), data]);
  const crc = Buffer.alloc(4); crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}
function png(size, pixel) {
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0;
    for (let x = 0; x < size; x++) {
      const [r, g, b, a] = pixel(x / size, y / size);
      const o = y * (size * 4 + 1) + 1 + x * 4;
      raw[o] = r; raw[o + 1] = g; raw[o + 2] = b; raw[o + 3] = a;
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0); ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; ihdr[9] = 6; ihdr[10] = 0; ihdr[11] = 0; ihdr[12] = 0;
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw, { level: 9 })), chunk('IEND', Buffer.alloc(0)),
  ]);
}
const BLUE = [10, 79, 150, 255], WHITE = [255, 255, 255, 255], CLEAR = [0, 0, 0, 0];
// The mark, in unit coordinates of the safe zone: a pulse line across the middle.
function mark(u, v) {
  const pts = [[0.1, 0.55], [0.35, 0.55], [0.45, 0.25], [0.55, 0.8], [0.65, 0.45], [0.9, 0.45]];
  for (let i = 0; i < pts.length - 1; i++) {
    const [x1, y1] = pts[i], [x2, y2] = pts[i + 1];
    const dx = x2 - x1, dy = y2 - y1;
    const t = Math.max(0, Math.min(1, ((u - x1) * dx + (v - y1) * dy) / (dx * dx + dy * dy)));
    if (Math.hypot(u - (x1 + t * dx), v - (y1 + t * dy)) < 0.06) return true;
  }
  return false;
}
function icon(size, maskable) {
  const inset = maskable ? 0.2 : 0.12; // maskable: mark inside the 80 % safe zone
  return png(size, (x, y) => {
    const r = maskable ? 0 : 0.18; // rounded tile for the plain icon
    const cx = Math.min(Math.max(x, r), 1 - r), cy = Math.min(Math.max(y, r), 1 - r);
    if (!maskable && Math.hypot(x - cx, y - cy) > r) return CLEAR;
    const u = (x - inset) / (1 - 2 * inset), v = (y - inset) / (1 - 2 * inset);
    return u >= 0 && u <= 1 && v >= 0 && v <= 1 && mark(u, v) ? WHITE : BLUE;
  });
}
const out = new URL('../web/static/icons/', import.meta.url);
for (const size of [192, 512]) writeFileSync(new URL(`icon-${size}.png`, out), icon(size, false));
writeFileSync(new URL('maskable-512.png', out), icon(512, true));
writeFileSync(new URL('apple-touch-icon-180.png', out), icon(180, true));
console.log('icons written');
