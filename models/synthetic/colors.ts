import { createHash } from 'node:crypto';

export interface Rgb {
  r: number;
  g: number;
  b: number;
}

/** Colour words a prompt's `expect.colors` may use, in English and Chinese; matched as substrings. */
const NAMED: readonly [readonly string[], Rgb][] = [
  [['red', '红'], { r: 220, g: 40, b: 40 }],
  [['orange', '橙', '橘'], { r: 245, g: 140, b: 20 }],
  [['yellow', '黄'], { r: 245, g: 215, b: 30 }],
  [['green', '绿'], { r: 40, g: 170, b: 60 }],
  [['cyan', '青'], { r: 20, g: 190, b: 200 }],
  [['blue', '蓝'], { r: 40, g: 80, b: 220 }],
  [['purple', 'violet', '紫'], { r: 140, g: 60, b: 190 }],
  [['pink', '粉'], { r: 245, g: 130, b: 180 }],
  [['brown', '棕', '褐', '咖啡'], { r: 130, g: 80, b: 40 }],
  [['gold', '金'], { r: 212, g: 175, b: 55 }],
  [['silver', '银'], { r: 192, g: 192, b: 200 }],
  [['black', '黑'], { r: 25, g: 25, b: 25 }],
  [['white', '白'], { r: 250, g: 250, b: 250 }],
  [['grey', 'gray', '灰'], { r: 128, g: 128, b: 128 }],
];

/** A colour for a colour word, a `#rrggbb` value, or (for anything else) a hue hashed from the word. */
export function colorFor(name: string): Rgb {
  const word = name.trim().toLowerCase();
  const hex = /^#([0-9a-f]{6})$/.exec(word);
  if (hex) {
    const v = Number.parseInt(hex[1]!, 16);
    return { r: v >> 16, g: (v >> 8) & 255, b: v & 255 };
  }
  for (const [names, rgb] of NAMED) if (names.some((n) => word.includes(n))) return rgb;
  const hue = createHash('sha256').update(word).digest().readUInt16LE(0) % 360;
  return hsl(hue, 0.7, 0.5);
}

export function randomHue(r: () => number): number {
  return Math.floor(r() * 360);
}

/** HSL (hue in degrees, saturation and lightness in 0..1) to 8-bit sRGB. */
export function hsl(h: number, s: number, l: number): Rgb {
  const a = s * Math.min(l, 1 - l);
  const f = (n: number): number => {
    const k = (n + h / 30) % 12;
    return Math.round(255 * (l - a * Math.max(-1, Math.min(k - 3, 9 - k, 1))));
  };
  return { r: f(0), g: f(8), b: f(4) };
}

export function cssColor(c: Rgb): string {
  return `rgb(${c.r},${c.g},${c.b})`;
}
