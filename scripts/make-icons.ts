// Writes the site's icon set into public/ (favicon.ico, icon.svg, apple-touch-icon.png) from one
// drawing: a blue rounded square with a white "A" (an atrium's arch with its beam). No downloads,
// no image libraries: the PNGs are rasterised here (4×4 supersampling) and deflated with zlib, and
// the .ico holds 16, 32 and 48 px PNG images (every current browser reads PNG-in-ICO).
// Deterministic: running it again yields the same bytes (scripts/make-icons.test.ts checks that
// the committed files match). Run: `npx tsx scripts/make-icons.ts`.
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { deflateSync } from "node:zlib";

const BLUE = [0x0b, 0x5c, 0xad] as const;
const WHITE = [0xff, 0xff, 0xff] as const;

/** The drawing on a 0..1 unit square: 0 = outside, 1 = background, 2 = letter. */
function shapeAt(x: number, y: number, corner: number): 0 | 1 | 2 {
  // Rounded square.
  const r = corner;
  const cx = Math.min(Math.max(x, r), 1 - r);
  const cy = Math.min(Math.max(y, r), 1 - r);
  if ((x - cx) ** 2 + (y - cy) ** 2 > r * r) return 0;
  // The "A": two legs from the apex (0.5, 0.2) to the feet (0.24 / 0.76, 0.8), and a beam.
  const top = 0.2;
  const bottom = 0.8;
  if (y >= top && y <= bottom) {
    const t = (y - top) / (bottom - top);
    const half = 0.26 * t;
    const stroke = 0.095;
    const left = 0.5 - half;
    const right = 0.5 + half;
    if (Math.abs(x - left) <= stroke / 2 + 0.01 || Math.abs(x - right) <= stroke / 2 + 0.01) return 2;
    if (y >= 0.56 && y <= 0.64 && x >= left && x <= right) return 2;
  }
  return 1;
}

function crc32(buf: Buffer): number {
  let c = ~0;
  for (const byte of buf) {
    c ^= byte;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0xedb88320 : c >>> 1;
  }
  return ~c >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}

/** An RGBA PNG of the drawing, `size` px square. `corner` 0 gives a full square (apple-touch-icon). */
export function renderPng(size: number, corner: number): Buffer {
  const ss = 4;
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let py = 0; py < size; py++) {
    const row = py * (size * 4 + 1);
    raw[row] = 0; // filter: none
    for (let px = 0; px < size; px++) {
      let bg = 0;
      let fg = 0;
      for (let sy = 0; sy < ss; sy++)
        for (let sx = 0; sx < ss; sx++) {
          const s = shapeAt((px + (sx + 0.5) / ss) / size, (py + (sy + 0.5) / ss) / size, corner);
          if (s === 1) bg++;
          else if (s === 2) fg++;
        }
      const n = ss * ss;
      const cover = bg + fg;
      const o = row + 1 + px * 4;
      for (let ch = 0; ch < 3; ch++) raw[o + ch] = cover ? Math.round((BLUE[ch] * bg + WHITE[ch] * fg) / cover) : 0;
      raw[o + 3] = Math.round((255 * cover) / n);
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // RGBA
  const sig = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([sig, chunk("IHDR", ihdr), chunk("IDAT", deflateSync(raw, { level: 9 })), chunk("IEND", Buffer.alloc(0))]);
}

/** An .ico holding PNG images (one directory entry each). */
export function renderIco(sizes: number[]): Buffer {
  const images = sizes.map((s) => renderPng(s, 0.18));
  const header = Buffer.alloc(6);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2); // type: icon
  header.writeUInt16LE(sizes.length, 4);
  const entries: Buffer[] = [];
  let offset = 6 + 16 * sizes.length;
  sizes.forEach((s, i) => {
    const e = Buffer.alloc(16);
    e[0] = s >= 256 ? 0 : s;
    e[1] = s >= 256 ? 0 : s;
    e.writeUInt16LE(1, 4); // colour planes
    e.writeUInt16LE(32, 6); // bits per pixel
    e.writeUInt32LE(images[i].length, 8);
    e.writeUInt32LE(offset, 12);
    offset += images[i].length;
    entries.push(e);
  });
  return Buffer.concat([header, ...entries, ...images]);
}

export const ICON_SVG = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100">
<rect width="100" height="100" rx="18" fill="#0b5cad"/>
<path d="M50 20 L24 80 M50 20 L76 80 M37 60 L63 60" stroke="#fff" stroke-width="10" stroke-linecap="round" stroke-linejoin="round" fill="none"/>
</svg>
`;

/** Every file of the icon set, by name under public/. */
export function iconFiles(): Record<string, Buffer> {
  return {
    "favicon.ico": renderIco([16, 32, 48]),
    "icon.svg": Buffer.from(ICON_SVG, "utf8"),
    "apple-touch-icon.png": renderPng(180, 0),
  };
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(__filename)) {
  const dir = path.resolve(__dirname, "../public");
  mkdirSync(dir, { recursive: true });
  for (const [name, data] of Object.entries(iconFiles())) {
    writeFileSync(path.join(dir, name), data);
    console.log(`public/${name}: ${data.length} bytes`);
  }
}
