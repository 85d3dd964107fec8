/**
 * Draws Satchel's app icons (a satchel on the default brand blue) as SVG and PNG, with no image library:
 * shapes are distance functions sampled 4×4 per pixel, and the PNG is written by hand (zlib + CRC-32).
 * Run from the repository root after changing the drawing:  npx tsx packages/web/scripts/make-icons.ts
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';

type Rgb = readonly [number, number, number];
const BRAND: Rgb = [0x1f, 0x5f, 0x8b];
const WHITE: Rgb = [0xff, 0xff, 0xff];
const AMBER: Rgb = [0xf2, 0xb8, 0x4b];
const hex = ([r, g, b]: Rgb) => `#${[r, g, b].map((c) => c.toString(16).padStart(2, '0')).join('')}`;

interface Box {
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
  readonly r: number;
}

/** The drawing, in a 64×64 space; painted in order. */
const HANDLE = { cx: 32, cy: 21, radius: 9, thickness: 4 };
const BODY: Box = { x: 12, y: 21, w: 40, h: 31, r: 6 };
const FLAP: Box = { x: 12, y: 21, w: 40, h: 15, r: 6 };
const CLASP: Box = { x: 28.5, y: 32, w: 7, h: 10, r: 2 };

function insideBox(px: number, py: number, box: Box): boolean {
  const cx = Math.min(Math.max(px, box.x + box.r), box.x + box.w - box.r);
  const cy = Math.min(Math.max(py, box.y + box.r), box.y + box.h - box.r);
  return (
    (px - cx) ** 2 + (py - cy) ** 2 <= box.r ** 2 &&
    px >= box.x &&
    px <= box.x + box.w &&
    py >= box.y &&
    py <= box.y + box.h
  );
}

function insideHandle(px: number, py: number): boolean {
  const distance = Math.hypot(px - HANDLE.cx, py - HANDLE.cy);
  return py <= HANDLE.cy && Math.abs(distance - HANDLE.radius) <= HANDLE.thickness / 2;
}

/** The colour at a point of the 64-space, or null for the background. */
function paint(px: number, py: number): Rgb | null {
  if (insideBox(px, py, CLASP)) return BRAND;
  if (insideBox(px, py, FLAP)) return AMBER;
  if (insideBox(px, py, BODY)) return WHITE;
  if (insideHandle(px, py)) return WHITE;
  return null;
}

interface IconSpec {
  readonly size: number;
  /** Maskable icons fill the square and keep the drawing inside the central safe zone (80%). */
  readonly maskable: boolean;
}

function render({ size, maskable }: IconSpec): Uint8Array {
  const pixels = new Uint8Array(size * size * 4);
  const samples = 4;
  const scale = maskable ? 0.8 : 1;
  const corner: Box = { x: 0, y: 0, w: 64, h: 64, r: maskable ? 0 : 14 };
  for (let y = 0; y < size; y += 1) {
    for (let x = 0; x < size; x += 1) {
      let [r, g, b, a] = [0, 0, 0, 0];
      for (let sy = 0; sy < samples; sy += 1) {
        for (let sx = 0; sx < samples; sx += 1) {
          const u = ((x + (sx + 0.5) / samples) / size) * 64;
          const v = ((y + (sy + 0.5) / samples) / size) * 64;
          if (!insideBox(u, v, corner)) continue;
          const color = paint(32 + (u - 32) / scale, 32 + (v - 32) / scale) ?? BRAND;
          r += color[0];
          g += color[1];
          b += color[2];
          a += 1;
        }
      }
      const offset = (y * size + x) * 4;
      pixels[offset] = a === 0 ? 0 : Math.round(r / a);
      pixels[offset + 1] = a === 0 ? 0 : Math.round(g / a);
      pixels[offset + 2] = a === 0 ? 0 : Math.round(b / a);
      pixels[offset + 3] = Math.round((a / samples ** 2) * 255);
    }
  }
  return pixels;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of bytes) crc = (CRC_TABLE[(crc ^ byte) & 0xff] ?? 0) ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'ascii');
  const tail = Buffer.alloc(4);
  tail.writeUInt32BE(crc32(Buffer.concat([Buffer.from(type, 'ascii'), data])), 0);
  return Buffer.concat([head, data, tail]);
}

function encodePng(size: number, rgba: Uint8Array): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA, no interlace
  const rows = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y += 1) {
    rows[y * (size * 4 + 1)] = 0; // filter: none
    rows.set(rgba.subarray(y * size * 4, (y + 1) * size * 4), y * (size * 4 + 1) + 1);
  }
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([
    signature,
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows, { level: 9 })),
    chunk('IEND', new Uint8Array()),
  ]);
}

const box = (b: Box, fill: Rgb) =>
  `<rect x="${b.x}" y="${b.y}" width="${b.w}" height="${b.h}" rx="${b.r}" fill="${hex(fill)}"/>`;

const svg = [
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64">',
  `<rect width="64" height="64" rx="14" fill="${hex(BRAND)}"/>`,
  `<path d="M${HANDLE.cx - HANDLE.radius} ${HANDLE.cy}a${HANDLE.radius} ${HANDLE.radius} 0 0 1 ${HANDLE.radius * 2} 0" fill="none" stroke="${hex(WHITE)}" stroke-width="${HANDLE.thickness}"/>`,
  box(BODY, WHITE),
  box(FLAP, AMBER),
  box(CLASP, BRAND),
  '</svg>',
  '',
].join('\n');

const out = (name: string) => fileURLToPath(new URL(`../public/icons/${name}`, import.meta.url));
writeFileSync(out('icon.svg'), svg);
for (const spec of [
  { name: 'icon-192.png', size: 192, maskable: false },
  { name: 'icon-512.png', size: 512, maskable: false },
  { name: 'icon-maskable-512.png', size: 512, maskable: true },
]) {
  writeFileSync(out(spec.name), encodePng(spec.size, render(spec)));
}
console.log('Wrote icon.svg, icon-192.png, icon-512.png and icon-maskable-512.png');
