import { deflateSync } from 'node:zlib';

// The tenant logos: a satchel drawn from a few shapes, rendered with 4x4
// supersampling into an RGBA PNG written by a tiny encoder (no image library).

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes) {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'latin1');
  data.copy(out, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}

/** Encodes RGBA pixels (width * height * 4 bytes) as a PNG. */
export function encodePng(width, height, rgba) {
  const raw = Buffer.alloc((width * 4 + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (width * 4 + 1)] = 0; // filter: none
    rgba.copy(raw, y * (width * 4 + 1) + 1, y * width * 4, (y + 1) * width * 4);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // colour type: RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const hex = (h) => [1, 3, 5].map((i) => parseInt(h.slice(i, i + 2), 16));

function inRoundedRect(x, y, [x0, y0, x1, y1], r) {
  if (x < x0 || x > x1 || y < y0 || y > y1) return false;
  const cx = Math.min(Math.max(x, x0 + r), x1 - r);
  const cy = Math.min(Math.max(y, y0 + r), y1 - r);
  return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
}

/** The colour of the logo at (x, y) in unit coordinates, or null where it is transparent; later shapes paint over earlier ones. */
function satchelAt(x, y, primary, accent) {
  let colour = null;
  if (inRoundedRect(x, y, [0, 0, 1, 1], 0.22)) colour = primary;
  const d = Math.hypot(x - 0.5, y - 0.34);
  if (y < 0.34 && d <= 0.17 && d >= 0.11) colour = [255, 255, 255];
  if (inRoundedRect(x, y, [0.17, 0.36, 0.83, 0.84], 0.08)) colour = [255, 255, 255];
  if (inRoundedRect(x, y, [0.17, 0.33, 0.83, 0.57], 0.07)) colour = accent;
  if (inRoundedRect(x, y, [0.44, 0.5, 0.56, 0.64], 0.02)) colour = primary;
  return colour;
}

export function satchelLogo(size, primaryHex, accentHex) {
  const primary = hex(primaryHex);
  const accent = hex(accentHex);
  const samples = 4;
  const rgba = Buffer.alloc(size * size * 4);
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      const sum = [0, 0, 0, 0];
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          const c = satchelAt(
            (px + (sx + 0.5) / samples) / size,
            (py + (sy + 0.5) / samples) / size,
            primary,
            accent,
          );
          if (!c) continue;
          sum[0] += c[0];
          sum[1] += c[1];
          sum[2] += c[2];
          sum[3] += 1;
        }
      }
      const o = (py * size + px) * 4;
      if (sum[3] > 0) {
        rgba[o] = Math.round(sum[0] / sum[3]);
        rgba[o + 1] = Math.round(sum[1] / sum[3]);
        rgba[o + 2] = Math.round(sum[2] / sum[3]);
        rgba[o + 3] = Math.round((255 * sum[3]) / (samples * samples));
      }
    }
  }
  return encodePng(size, size, rgba);
}
