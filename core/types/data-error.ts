/** A problem in a file the user gave us: names the file, the line and the field. The CLI exits with code 2. */
export interface DataProblem {
  line?: number;
  /** A dotted path such as `generators[1].type`. */
  field?: string;
  message: string;
}

export class DataError extends Error {
  readonly file: string;
  readonly problems: readonly DataProblem[];

  constructor(file: string, problems: readonly DataProblem[]) {
    super(problems.map((p) => formatProblem(file, p)).join('\n'));
    this.name = 'DataError';
    this.file = file;
    this.problems = problems;
  }

  static one(file: string, problem: DataProblem): DataError {
    return new DataError(file, [problem]);
  }
}

export function formatProblem(file: string, p: DataProblem): string {
  const where = p.line === undefined ? file : `${file}:${p.line}`;
  return p.field ? `${where}: ${p.field}: ${p.message}` : `${where}: ${p.message}`;
}

/** `['generators', 1, 'type']` becomes `generators[1].type`. */
export function fieldPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out ? `.${String(part)}` : String(part);
  }
  return out;
}
