import { mulberry32, seedFromString, type GenerationRequest } from '../../core/types/index.js';
import { colorFor, hsl, randomHue, type Rgb } from './colors.js';

/** The request fields that decide what a synthetic image shows. */
export type SyntheticRequest = Pick<GenerationRequest, 'prompt' | 'language' | 'seed' | 'sample'>;

/** The knobs that change the drawing (the rest of the config only changes how it is delivered). */
export interface SyntheticKnobs {
  width: number;
  height: number;
  miscountRate: number;
  wrongTextRate: number;
}

export interface Shape {
  kind: 'circle' | 'rounded-square' | 'rect' | 'triangle';
  /** Centre and half-size (radius for circles), in pixels. */
  cx: number;
  cy: number;
  half: number;
  /** Full width and height for `rect`; `half` is then unused. */
  w?: number;
  h?: number;
  fill: Rgb;
  stroke: Rgb;
}

export interface TextBlock {
  text: string;
  cx: number;
  cy: number;
  fontSize: number;
  fill: Rgb;
}

/** Everything the renderer draws; `count` and `text` are the ground truth a metric should find. */
export interface SyntheticPlan {
  background: Rgb;
  /** Number of counted objects drawn, or null when the prompt asks for no count. */
  count: number | null;
  /** The text drawn, or null when the prompt asks for none. */
  text: string | null;
  shapes: Shape[];
  textBlock: TextBlock | null;
}

/**
 * One independent stream per decision, so that turning one knob (say the miscount rate)
 * never moves the layout or the noise of an image.
 */
export function requestRandom(request: SyntheticRequest, stream: string): () => number {
  const key = JSON.stringify([request.seed, request.prompt.id, request.language, request.sample, stream]);
  return mulberry32(seedFromString(key));
}

const between = (r: () => number, lo: number, hi: number): number => lo + (hi - lo) * r();

export function planSynthetic(request: SyntheticRequest, knobs: SyntheticKnobs): SyntheticPlan {
  const { width: W, height: H } = knobs;
  const expect = request.prompt.expect;
  const look = requestRandom(request, 'look');
  const background = hsl(randomHue(look), between(look, 0.25, 0.45), between(look, 0.86, 0.93));

  const text = expect?.text === undefined ? null : drawnText(request, expect.text, knobs.wrongTextRate);
  const count = expect?.count === undefined ? null : drawnCount(request, expect.count.n, knobs.miscountRate);

  // With both a count and a text, the objects take the top of the image and the text a band below.
  const textTop = count === null ? 0.1 * H : 0.7 * H;
  const textBlock = text === null ? null : layoutText(text, { x: 0.05 * W, y: textTop, w: 0.9 * W, h: 0.92 * H - textTop });

  let shapes: Shape[];
  if (count !== null) {
    const region = { x: 0.04 * W, y: 0.04 * H, w: 0.92 * W, h: (text === null ? 0.92 : 0.63) * H };
    const color = expect?.colors?.[0] === undefined ? hsl(randomHue(look), 0.75, 0.5) : colorFor(expect.colors[0]);
    shapes = gridObjects(count, region, color, look() < 0.5 ? 'circle' : 'rounded-square', requestRandom(request, 'layout'));
  } else if (text === null) {
    shapes = scene(W, H, expect?.colors ?? [], requestRandom(request, 'scene'));
  } else {
    shapes = [];
  }
  return { background, count, text, shapes, textBlock };
}

/** With probability `rate`, a count off by 1 to 3 (never below 1). */
function drawnCount(request: SyntheticRequest, n: number, rate: number): number {
  const r = requestRandom(request, 'count');
  if (!(r() < rate)) return n;
  const off = 1 + Math.floor(r() * 3);
  return r() < 0.5 && n - off >= 1 ? n - off : n + off;
}

const HAN = /\p{Script=Han}/u;
const POOLS = {
  han: '的一是不了人我在有他这中大来上国个到说们为子和你地出道也时年得就那要下以生会自着去之过家学对可她里后小么心多天而能好都然没日于起还发成事只作当想看文无开手十用主行方又如前所本见经头面公同三已老从动两长知民样现分将外但身些与高意进把法此实回二理美点月明',
  upper: 'ABCDEFGHIJKLMNOPQRSTUVWXYZ',
  lower: 'abcdefghijklmnopqrstuvwxyz',
  digit: '0123456789',
};

/** With probability `rate`, the text with 1..all of its visible characters swapped for others of the same script. */
function drawnText(request: SyntheticRequest, text: string, rate: number): string {
  const r = requestRandom(request, 'text');
  if (!(r() < rate)) return text;
  const chars = Array.from(text);
  const positions = chars.flatMap((c, i) => (c.trim() === '' ? [] : [i]));
  for (let i = positions.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [positions[i], positions[j]] = [positions[j]!, positions[i]!];
  }
  const changes = 1 + Math.floor(r() * positions.length);
  for (const at of positions.slice(0, changes)) {
    const pool = Array.from(poolFor(chars[at]!, HAN.test(text))).filter((c) => c !== chars[at]);
    chars[at] = pool[Math.floor(r() * pool.length)]!;
  }
  return chars.join('');
}

function poolFor(c: string, textHasHan: boolean): string {
  if (HAN.test(c)) return POOLS.han;
  if (/[A-Z]/.test(c)) return POOLS.upper;
  if (/[a-z]/.test(c)) return POOLS.lower;
  if (/[0-9]/.test(c)) return POOLS.digit;
  return textHasHan ? POOLS.han : POOLS.upper;
}

interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** Width of a line in ems: CJK and full-width forms are square, Latin about 0.6 em. */
function widthEm(text: string): number {
  let em = 0;
  for (const c of text) {
    if (c.trim() === '') em += 0.3;
    else if (HAN.test(c) || /[\u3000-\u30ff\uff00-\uffef\uac00-\ud7af]/.test(c)) em += 1;
    else if (/[A-Z0-9]/.test(c)) em += 0.68;
    else em += 0.56;
  }
  return Math.max(em, 0.5);
}

function layoutText(text: string, box: Box): TextBlock {
  const fontSize = Math.max(8, Math.min(box.h * 0.8, (box.w * 0.92) / widthEm(text)));
  return { text, cx: box.x + box.w / 2, cy: box.y + box.h / 2, fontSize, fill: { r: 26, g: 26, b: 30 } };
}

/** `n` shapes, each inside its own grid cell (so none overlap), in randomly chosen cells. */
function gridObjects(n: number, region: Box, color: Rgb, kind: Shape['kind'], r: () => number): Shape[] {
  const capacity = Math.ceil(n * 1.3);
  const cols = Math.max(1, Math.round(Math.sqrt((capacity * region.w) / region.h)));
  const rows = Math.ceil(capacity / cols);
  const cw = region.w / cols;
  const ch = region.h / rows;
  const cells = Array.from({ length: cols * rows }, (_, i) => i);
  for (let i = cells.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [cells[i], cells[j]] = [cells[j]!, cells[i]!];
  }
  const stroke = darker(color);
  return cells.slice(0, n).map((cell) => {
    const side = Math.min(cw, ch);
    const half = (side * between(r, 0.5, 0.7)) / 2;
    const slackX = cw / 2 - half - side * 0.08;
    const slackY = ch / 2 - half - side * 0.08;
    const cx = region.x + ((cell % cols) + 0.5) * cw + between(r, -slackX, slackX);
    const cy = region.y + (Math.floor(cell / cols) + 0.5) * ch + between(r, -slackY, slackY);
    return { kind, cx, cy, half, fill: color, stroke };
  });
}

/** A few shapes for prompts with nothing to count or read: ground, a sun, houses and trees. */
function scene(W: number, H: number, colors: readonly string[], r: () => number): Shape[] {
  const pick = (i: number, l: number): Rgb => (colors[i] === undefined ? hsl(randomHue(r), 0.55, l) : colorFor(colors[i]));
  const horizon = between(r, 0.55, 0.75) * H;
  const ground = pick(0, 0.4);
  const shapes: Shape[] = [{ kind: 'rect', cx: W / 2, cy: (horizon + H) / 2, half: 0, w: W, h: H - horizon, fill: ground, stroke: ground }];
  const sun = pick(1, 0.6);
  shapes.push({
    kind: 'circle',
    cx: between(r, 0.15, 0.85) * W,
    cy: between(r, 0.12, 0.3) * H,
    half: between(r, 0.05, 0.1) * W,
    fill: sun,
    stroke: darker(sun),
  });
  const things = 2 + Math.floor(r() * 4);
  for (let i = 0; i < things; i++) {
    const half = between(r, 0.05, 0.12) * W;
    const fill = pick(2 + i, 0.5);
    const kind = r() < 0.5 ? 'triangle' : 'rounded-square';
    shapes.push({ kind, cx: ((i + between(r, 0.3, 0.7)) / things) * W, cy: horizon - half * 0.6, half, fill, stroke: darker(fill) });
  }
  return shapes;
}

function darker(c: Rgb): Rgb {
  const light = 0.299 * c.r + 0.587 * c.g + 0.114 * c.b > 200;
  const k = light ? 0.45 : 0.6;
  return { r: Math.round(c.r * k), g: Math.round(c.g * k), b: Math.round(c.b * k) };
}
