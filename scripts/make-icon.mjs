/**
 * Draws the app icon (resources/icon.svg and resources/icon.png, 512×512):
 * an endpoint (the dot) sending push notifications (the waves) on a navy
 * tile. The PNG is rendered here with 4×4 supersampling and written with
 * zlib, so no image tool is needed. Run: node scripts/make-icon.mjs
 */
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const SIZE = 512;
const C = 256;
const NAVY = [31, 58, 95];
const TEAL = [94, 234, 212];
const WHITE = [255, 255, 255];
const WAVES = [
  { r: 112, color: WHITE },
  { r: 178, color: TEAL },
];
const WAVE_WIDTH = 28;

function inTile(x, y) {
  const m = 32;
  const r = 96;
  const qx = Math.max(Math.abs(x - C) - (C - m - r), 0);
  const qy = Math.max(Math.abs(y - C) - (C - m - r), 0);
  return Math.hypot(qx, qy) <= r;
}

function colorAt(x, y) {
  if (!inTile(x, y)) return null;
  const dx = x - C;
  const dy = y - C;
  const d = Math.hypot(dx, dy);
  if (d <= 44) return WHITE;
  if (Math.abs(dx) > Math.abs(dy) * 1.15) {
    for (const wave of WAVES) if (Math.abs(d - wave.r) <= WAVE_WIDTH / 2) return wave.color;
  }
  return NAVY;
}

function png() {
  const rows = Buffer.alloc(SIZE * (SIZE * 4 + 1));
  for (let y = 0; y < SIZE; y++) {
    rows[y * (SIZE * 4 + 1)] = 0;
    for (let x = 0; x < SIZE; x++) {
      const sum = [0, 0, 0, 0];
      for (let sy = 0; sy < 4; sy++) {
        for (let sx = 0; sx < 4; sx++) {
          const c = colorAt(x + (sx + 0.5) / 4, y + (sy + 0.5) / 4);
          if (c) for (let i = 0; i < 3; i++) sum[i] += c[i];
          if (c) sum[3] += 255;
        }
      }
      const alpha = sum[3] / 16;
      const o = y * (SIZE * 4 + 1) + 1 + x * 4;
      for (let i = 0; i < 3; i++) rows[o + i] = alpha ? Math.round(sum[i] / (sum[3] / 255)) : 0;
      rows[o + 3] = Math.round(alpha);
    }
  }
  const chunk = (type, data) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(SIZE, 0);
  header.writeUInt32BE(SIZE, 4);
  header.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', header), chunk('IDAT', deflateSync(rows, { level: 9 })), chunk('IEND', Buffer.alloc(0))]);
}

function crc32(buffer) {
  let crc = ~0;
  for (const byte of buffer) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1));
  }
  return ~crc >>> 0;
}

function svg() {
  const rgb = (c) => `rgb(${c.join(',')})`;
  const half = Math.atan(1 / 1.15);
  const arc = (r, side) => {
    const a0 = (side > 0 ? 0 : Math.PI) - half;
    const a1 = (side > 0 ? 0 : Math.PI) + half;
    const p = (a) => `${(C + r * Math.cos(a)).toFixed(1)} ${(C + r * Math.sin(a)).toFixed(1)}`;
    return `M ${p(a0)} A ${r} ${r} 0 0 1 ${p(a1)}`;
  };
  const waves = WAVES.flatMap((w) => [1, -1].map((side) => `  <path d="${arc(w.r, side)}" fill="none" stroke="${rgb(w.color)}" stroke-width="${WAVE_WIDTH}"/>`));
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${SIZE}" height="${SIZE}" viewBox="0 0 ${SIZE} ${SIZE}">`,
    `  <title>Chime Endpoint Workbench</title>`,
    `  <rect x="32" y="32" width="448" height="448" rx="96" fill="${rgb(NAVY)}"/>`,
    ...waves,
    `  <circle cx="${C}" cy="${C}" r="44" fill="${rgb(WHITE)}"/>`,
    `</svg>`,
    '',
  ].join('\n');
}

const dir = new URL('../resources/', import.meta.url);
writeFileSync(new URL('icon.png', dir), png());
writeFileSync(new URL('icon.svg', dir), svg());
console.log('wrote resources/icon.png and resources/icon.svg');
