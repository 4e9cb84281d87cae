import { isMap, isSeq, LineCounter, parseDocument, type Node } from 'yaml';
import type { z } from 'zod';
import { DataError, fieldPath, type DataProblem } from '../core/types/index.js';

/** A parsed document that can say on which line any field was written. */
export interface LocatedData {
  value: unknown;
  /** The 1-based line of the deepest node found along `path`. */
  lineOf(path: readonly PropertyKey[]): number | undefined;
}

export function parseYamlLocated(text: string, file: string): LocatedData {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    throw new DataError(
      file,
      doc.errors.map((e) => ({
        line: e.linePos?.[0]?.line ?? lineCounter.linePos(e.pos[0]).line,
        message: `malformed YAML: ${e.message.split('\n')[0]}`,
      })),
    );
  }
  const lineOf = (path: readonly PropertyKey[]): number | undefined => {
    let node: unknown = doc.contents;
    let line: number | undefined;
    for (const key of [...path, undefined]) {
      const range = (node as Node | undefined)?.range;
      if (range) line = lineCounter.linePos(range[0]).line;
      if (key === undefined) break;
      if (isMap(node)) {
        const pair = node.items.find((p) => (p.key as { value?: unknown } | null)?.value === key);
        if (!pair) break;
        const keyRange = (pair.key as Node | null)?.range;
        if (keyRange) line = lineCounter.linePos(keyRange[0]).line;
        node = pair.value;
      } else if (isSeq(node) && typeof key === 'number') {
        node = node.items[key];
      } else break;
    }
    return line;
  };
  return { value: doc.toJS(), lineOf };
}

/** Validates `data` with `schema`; every issue becomes a problem with its file, line and field. */
export function parseLocated<S extends z.ZodType>(schema: S, data: LocatedData, file: string): z.infer<S> {
  const result = schema.safeParse(data.value);
  if (result.success) return result.data;
  throw new DataError(file, zodProblems(result.error, data.lineOf));
}

export function zodProblems(
  error: z.ZodError,
  lineOf: (path: readonly PropertyKey[]) => number | undefined,
  prefix: readonly PropertyKey[] = [],
): DataProblem[] {
  return error.issues.map((issue) => {
    const path = [...prefix, ...issue.path];
    const unknownKeys = issue.code === 'unrecognized_keys' ? issue.keys : [];
    const at = unknownKeys.length > 0 ? [...path, unknownKeys[0]!] : path;
    return {
      line: lineOf(at),
      field: fieldPath(at) || undefined,
      message:
        unknownKeys.length > 0
          ? `unknown field${unknownKeys.length > 1 ? 's' : ''} ${unknownKeys.map((k) => `"${k}"`).join(', ')}`
          : issue.message,
    };
  });
}
