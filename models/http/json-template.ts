/** JSON paths (`output.results[0].url`) and templates (`"{{prompt}}"`) shared by the `http` and `async-job` adapters. */

/** The value at a dotted path with `[n]` indexes; undefined when any step is missing. */
export function getPath(value: unknown, path: string): unknown {
  if (path === '' || path === '$') return value;
  const steps = path.replace(/^\$\.?/, '').match(/[^.[\]]+|\[\d+\]/g) ?? [];
  let current = value;
  for (const step of steps) {
    if (current === null || current === undefined) return undefined;
    const key = step.startsWith('[') ? Number(step.slice(1, -1)) : step;
    current = (current as Record<string | number, unknown>)[key];
  }
  return current;
}

const WHOLE = /^\{\{\s*([\w.[\]]+)\s*\}\}$/;
const PART = /\{\{\s*([\w.[\]]+)\s*\}\}/g;

/**
 * Fills a template: a string that is exactly `{{name}}` becomes the variable's value with its type
 * (a seed stays a number); `{{name}}` inside a longer string is replaced by its text. Names are
 * paths into `vars`, so `{{create.urls.get}}` reads an earlier answer. Unknown names throw.
 */
export function fillTemplate(template: unknown, vars: Record<string, unknown>): unknown {
  if (typeof template === 'string') {
    const whole = WHOLE.exec(template);
    if (whole) return lookup(vars, whole[1]!);
    return template.replace(PART, (_m, name: string) => {
      const v = lookup(vars, name);
      return typeof v === 'string' ? v : JSON.stringify(v);
    });
  }
  if (Array.isArray(template)) return template.map((t) => fillTemplate(t, vars));
  if (template !== null && typeof template === 'object') {
    return Object.fromEntries(
      Object.entries(template).flatMap(([k, v]) => {
        const filled = fillTemplate(v, vars);
        return filled === undefined ? [] : [[k, filled]];
      }),
    );
  }
  return template;
}

/** Only an unknown top-level name is an error; a missing optional value (`negativePrompt`) leaves the field out. */
function lookup(vars: Record<string, unknown>, name: string): unknown {
  const head = name.split(/[.[]/)[0]!;
  if (!(head in vars)) throw new Error(`unknown template variable "{{${name}}}"; known: ${Object.keys(vars).join(', ')}`);
  return getPath(vars, name);
}

/** The template variables every request offers. */
export function requestVars(
  r: { text: string; seed: number; sample: number; language: string; modality: string; prompt: { id: string } },
  extra: Record<string, unknown> = {},
) {
  return { prompt: r.text, seed: r.seed, sample: r.sample, language: r.language, modality: r.modality, promptId: r.prompt.id, ...extra };
}

/** Fills templates with placeholder values once, so that an unknown variable is a config error at start, not a failure per request. */
export function checkTemplates(who: string, templates: unknown[], extra: Record<string, unknown> = {}): void {
  const vars = {
    ...requestVars({ text: 'p', seed: 0, sample: 0, language: 'en', modality: 'image', prompt: { id: 'p' } }),
    apiKey: '',
    ...extra,
  };
  try {
    for (const t of templates) fillTemplate(t, vars);
  } catch (e) {
    throw new Error(`${who}: ${(e as Error).message}`);
  }
}
