import { type AskedMedia, type Modality } from '../types/index.js';

const FIELDS = ['width', 'height', 'durationSec', 'fps'] as const;

function pick(source: unknown): AskedMedia {
  const out: AskedMedia = {};
  if (typeof source !== 'object' || source === null) return out;
  for (const f of FIELDS) {
    const v = (source as Record<string, unknown>)[f];
    if (typeof v === 'number') out[f] = v;
  }
  return out;
}

/**
 * What each generator of a run's stored config asks of its media (its numeric `width`, `height`,
 * `durationSec` and `fps` settings), so that a metric can compare the media with the request.
 * For videos a `video` block's settings come first: an adapter may size images and videos apart.
 */
export function askedMediaOf(runConfig: unknown): (generatorId: string, modality: Modality) => AskedMedia | undefined {
  const generators = (runConfig as { generators?: { id?: unknown }[] } | null)?.generators ?? [];
  const byId = new Map(generators.map((g) => [g.id, g as Record<string, unknown>]));
  return (generatorId, modality) => {
    const g = byId.get(generatorId);
    if (!g) return undefined;
    const asked = modality === 'video' ? { ...pick(g), ...pick(g.video) } : pick(g);
    return Object.keys(asked).length ? asked : undefined;
  };
}
