import type { Shape, SyntheticPlan } from './plan.js';

/** The knobs that decide what moves, and how a synthetic video fails over time. */
export interface MotionKnobs {
  frames: number;
  width: number;
  height: number;
  motion: number;
  jumpRate: number;
}

/** An object's path: a straight sweep through its place in the image, maybe with a gap and a jump. */
interface Track {
  dirX: number;
  dirY: number;
  /** Half the length of the sweep, in pixels. */
  amplitude: number;
  /** Frames [from, to) where the object is missing; afterwards it is drawn `jumpX`, `jumpY` away. */
  gap?: { from: number; to: number; jumpX: number; jumpY: number };
}

/**
 * The plan of each frame: every shape but the ground sweeps back and forth along its own direction
 * (counted objects by at most a fifth of their size, so they never leave their grid cell and stay
 * countable; scene objects by up to a tenth of the image), and with probability `jumpRate` an object
 * vanishes for about a fifth of the clip and comes back elsewhere. Text stays put, so it stays
 * readable. `motion` 0 gives the same plan in every frame.
 */
export function framePlans(plan: SyntheticPlan, knobs: MotionKnobs, random: (stream: string) => () => number): SyntheticPlan[] {
  const move = random('motion');
  const jump = random('jump');
  const counted = plan.count !== null;
  const tracks = plan.shapes.map((s): Track | null => {
    if (s.kind === 'rect') return null;
    const angle = 2 * Math.PI * move();
    const amplitude = knobs.motion * (counted ? 0.2 * s.half : 0.1 * Math.min(knobs.width, knobs.height));
    return { dirX: Math.cos(angle), dirY: Math.sin(angle), amplitude, gap: jumpGap(s, knobs, jump) };
  });
  return Array.from({ length: knobs.frames }, (_, f) => {
    const sweep = knobs.frames === 1 ? 0 : (2 * f) / (knobs.frames - 1) - 1; // -1 .. 1 over the clip
    const shapes = plan.shapes.flatMap((s, i): Shape[] => {
      const t = tracks[i];
      if (!t) return [s];
      if (t.gap && f >= t.gap.from && f < t.gap.to) return [];
      const jumped = t.gap && f >= t.gap.to ? t.gap : { jumpX: 0, jumpY: 0 };
      const dx = t.amplitude * sweep * t.dirX + jumped.jumpX;
      const dy = t.amplitude * sweep * t.dirY + jumped.jumpY;
      return [{ ...s, cx: s.cx + dx, cy: s.cy + dy }];
    });
    return { ...plan, shapes };
  });
}

function jumpGap(s: Shape, knobs: MotionKnobs, r: () => number): Track['gap'] {
  // Draw every number whatever the outcome, so one object's jump never shifts another's.
  const happens = r() < knobs.jumpRate;
  const length = Math.max(1, Math.round(knobs.frames * 0.2));
  const from = Math.floor(knobs.frames * (0.2 + 0.4 * r()));
  const x = s.half + r() * Math.max(0, knobs.width - 2 * s.half);
  const y = s.half + r() * Math.max(0, knobs.height - 2 * s.half);
  if (!happens || knobs.frames < 3) return undefined;
  return { from, to: Math.min(knobs.frames - 1, from + length), jumpX: x - s.cx, jumpY: y - s.cy };
}
