import { POSITIONS, type Expect } from '../../core/types/index.js';
import type { Box } from './detection-boxes.js';

export type Relation = (typeof POSITIONS)[number];

/** GenEval's colour names, the classes its CLIP zero-shot colour classifier chooses among. */
export const GENEVAL_COLORS = ['red', 'orange', 'yellow', 'green', 'blue', 'purple', 'pink', 'brown', 'black', 'white'] as const;

/** GenEval's default: centres must be apart by more than 0.1 of the two boxes' summed sizes. */
export const POSITION_THRESHOLD = 0.1;

/**
 * Where box A is relative to box B, GenEval's rule (`relative_position`): the centre offset,
 * shrunk on each axis by `threshold` times the two boxes' summed size on that axis; a relation
 * holds where the shrunk offset, over the length of the full offset, passes 0.5 (image y grows
 * downwards, so "above" is a negative dy). Overlapping centres relate in no way.
 */
export function relativePosition(a: Box, b: Box, threshold = POSITION_THRESHOLD): Set<Relation> {
  const offset = [(a.x1 + a.x2) / 2 - (b.x1 + b.x2) / 2, (a.y1 + a.y2) / 2 - (b.y1 + b.y2) / 2] as const;
  const size = [a.x2 - a.x1 + (b.x2 - b.x1), a.y2 - a.y1 + (b.y2 - b.y1)] as const;
  const revised = offset.map((o, i) => Math.max(Math.abs(o) - threshold * size[i]!, 0) * Math.sign(o));
  const out = new Set<Relation>();
  if (revised.every((r) => Math.abs(r) < 1e-3)) return out;
  const norm = Math.hypot(offset[0], offset[1]);
  const [dx, dy] = revised.map((r) => r / norm) as [number, number];
  if (dx < -0.5) out.add('left of');
  if (dx > 0.5) out.add('right of');
  if (dy < -0.5) out.add('above');
  if (dy > 0.5) out.add('below');
  return out;
}

export interface LayoutCheck {
  correct: boolean;
  /** Why not, one line per failed clause, in GenEval's words. */
  reasons: string[];
}

/**
 * GenEval's `evaluate`: every `layout` entry needs its count of the object among the most
 * confident detections, of the right colour where one is named, and (when its target entry was
 * itself found) each of them in the named relation to each of the target's; every `fewerThan`
 * object must be detected fewer times than its `n`. `detected` holds each object's boxes, most
 * confident first; `colours` names the colour of each box given.
 */
export async function checkLayout(
  expect: Pick<Expect, 'layout' | 'fewerThan'>,
  detected: ReadonlyMap<string, readonly Box[]>,
  colours: (object: string, boxes: readonly Box[]) => Promise<string[]>,
): Promise<LayoutCheck> {
  const reasons: string[] = [];
  const groups: (readonly Box[] | null)[] = [];
  for (const want of expect.layout ?? []) {
    const found = (detected.get(want.object) ?? []).slice(0, want.count);
    let matched = found.length >= want.count;
    if (!matched) reasons.push(`expected ${want.object}>=${want.count}, found ${found.length}`);
    if (matched && want.color) {
      const seen = await colours(want.object, found);
      const hits = seen.filter((c) => c === want.color).length;
      if (hits < want.count) {
        matched = false;
        reasons.push(`expected ${want.color} ${want.object}>=${want.count}, found ${hits} ${want.color} (${seen.join(', ')})`);
      }
    }
    if (matched && want.position) {
      const target = groups[want.position.of];
      if (!target) {
        matched = false;
        reasons.push(`no target for ${want.object} to be ${want.position.relation}`);
      } else {
        const wrong = found
          .flatMap((box) => target.map((t) => relativePosition(box, t)))
          .find((rels) => !rels.has(want.position!.relation));
        if (wrong) {
          matched = false;
          reasons.push(
            `expected ${want.object} ${want.position.relation} target, found ${[...wrong].join(' and ') || 'no clear relation to'} target`,
          );
        }
      }
    }
    groups.push(matched ? found : null);
  }
  for (const limit of expect.fewerThan ?? []) {
    const n = detected.get(limit.object)?.length ?? 0;
    if (n >= limit.n) reasons.push(`expected ${limit.object}<${limit.n}, found ${n}`);
  }
  return { correct: reasons.length === 0, reasons };
}
