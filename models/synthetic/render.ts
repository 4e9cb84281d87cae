import sharp, { type Sharp } from 'sharp';
import { cssColor, hsl, randomHue } from './colors.js';
import type { Shape, SyntheticPlan } from './plan.js';

/** A CJK font first: without one Chinese text renders as empty boxes (fonts-wqy-microhei on Debian). */
export const SYNTHETIC_FONT = "'WenQuanYi Micro Hei', 'Noto Sans CJK SC', sans-serif";

export interface Degradations {
  /** Gaussian blur sigma in pixels; 0 for none. */
  blur: number;
  /** Standard deviation of added Gaussian noise as a fraction of 255. */
  noise: number;
  /** Strength (0..1) of a coloured-filter tint. */
  colorCast: number;
}

export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);
}

const n = (v: number): string => v.toFixed(2);

function shapeSvg(s: Shape): string {
  const paint = `fill="${cssColor(s.fill)}" stroke="${cssColor(s.stroke)}" stroke-width="${n(Math.max(1, s.half * 0.08))}"`;
  switch (s.kind) {
    case 'circle':
      return `<circle cx="${n(s.cx)}" cy="${n(s.cy)}" r="${n(s.half)}" ${paint}/>`;
    case 'rounded-square':
      return `<rect x="${n(s.cx - s.half)}" y="${n(s.cy - s.half)}" width="${n(2 * s.half)}" height="${n(2 * s.half)}" rx="${n(s.half * 0.3)}" ${paint}/>`;
    case 'rect': {
      const w = s.w ?? 2 * s.half;
      const h = s.h ?? 2 * s.half;
      return `<rect x="${n(s.cx - w / 2)}" y="${n(s.cy - h / 2)}" width="${n(w)}" height="${n(h)}" fill="${cssColor(s.fill)}"/>`;
    }
    case 'triangle': {
      const pts = [
        [s.cx, s.cy - s.half],
        [s.cx + s.half, s.cy + s.half],
        [s.cx - s.half, s.cy + s.half],
      ];
      return `<polygon points="${pts.map(([x, y]) => `${n(x!)},${n(y!)}`).join(' ')}" ${paint}/>`;
    }
  }
}

export function planToSvg(plan: SyntheticPlan, width: number, height: number): string {
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">`,
    `<rect x="0" y="0" width="${width}" height="${height}" fill="${cssColor(plan.background)}"/>`,
    ...plan.shapes.map(shapeSvg),
  ];
  const t = plan.textBlock;
  if (t) {
    // librsvg's support for dominant-baseline varies; 0.35 em below the centre puts CJK and caps in the middle.
    parts.push(
      `<text x="${n(t.cx)}" y="${n(t.cy + t.fontSize * 0.35)}" font-family="${SYNTHETIC_FONT}" font-size="${n(t.fontSize)}" ` +
        `text-anchor="middle" fill="${cssColor(t.fill)}">${escapeXml(t.text)}</text>`,
    );
  }
  parts.push('</svg>');
  return parts.join('\n');
}

/**
 * Draws the plan and applies the degradations in the order a camera would: optical blur, a colour
 * filter, then sensor noise (added last so that its standard deviation is the one configured).
 */
export async function renderPlan(
  plan: SyntheticPlan,
  width: number,
  height: number,
  degrade: Degradations,
  random: (stream: string) => () => number,
): Promise<Uint8Array> {
  if (degrade.noise === 0 && degrade.colorCast === 0) return new Uint8Array(await drawn(plan, width, height, degrade).png().toBuffer());
  const data = await renderRgb(plan, width, height, degrade, random);
  const png = await sharp(data, { raw: { width, height, channels: 3 } })
    .png()
    .toBuffer();
  return new Uint8Array(png);
}

/** The same picture as `renderPlan`, as interleaved 8-bit RGB (width * height * 3 bytes): a video frame. */
export async function renderRgb(
  plan: SyntheticPlan,
  width: number,
  height: number,
  degrade: Degradations,
  random: (stream: string) => () => number,
): Promise<Buffer> {
  const { data, info } = await drawn(plan, width, height, degrade).raw().toBuffer({ resolveWithObject: true });
  if (info.channels !== 3) throw new Error(`synthetic render: expected 3 channels, got ${info.channels}`);
  if (degrade.colorCast > 0) tint(data, degrade.colorCast, random('cast'));
  if (degrade.noise > 0) addNoise(data, degrade.noise * 255, random('noise'));
  return data;
}

function drawn(plan: SyntheticPlan, width: number, height: number, degrade: Degradations): Sharp {
  const image = sharp(Buffer.from(planToSvg(plan, width, height)), { density: 72 }).removeAlpha();
  return degrade.blur > 0 ? image.blur(Math.max(0.3, degrade.blur)) : image; // sharp's smallest sigma is 0.3
}

/** A coloured filter: each channel keeps (1 - s) + s * t of its value, t being the filter's transmission. */
function tint(data: Buffer, strength: number, r: () => number): void {
  const c = hsl(randomHue(r), 1, 0.5);
  const top = Math.max(c.r, c.g, c.b);
  const gain = [c.r, c.g, c.b].map((v) => 1 - strength * (1 - v / top));
  for (let i = 0; i < data.length; i++) data[i] = Math.round(data[i]! * gain[i % 3]!);
}

/** Independent Gaussian noise per channel (Box-Muller from the seeded stream), clamped to 0..255. */
function addNoise(data: Buffer, sigma: number, r: () => number): void {
  for (let i = 0; i < data.length; i += 2) {
    const u = 1 - r(); // in (0, 1], so the log is finite
    const radius = sigma * Math.sqrt(-2 * Math.log(u));
    const angle = 2 * Math.PI * r();
    data[i] = clamp(data[i]! + radius * Math.cos(angle));
    if (i + 1 < data.length) data[i + 1] = clamp(data[i + 1]! + radius * Math.sin(angle));
  }
}

const clamp = (v: number): number => (v <= 0 ? 0 : v >= 255 ? 255 : Math.round(v));
