import { readdirSync, readFileSync } from 'node:fs';
import { extname, join, resolve } from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';

/** Where an imported file belongs: a prompt id, and optionally a language and sample. */
export interface FolderEntry {
  promptId: string;
  language?: string;
  sample?: number;
  file: string;
  /** The file as the user named it: its name in the folder, or the manifest's `file` as written. */
  source: string;
}

/** `{promptId}_{language}_{sample}.{ext}` → a regular expression with named groups; `*` matches anything. */
export function patternRegex(pattern: string): RegExp {
  const parts = pattern.split(/(\{promptId\}|\{language\}|\{sample\}|\{ext\}|\*)/);
  const groups: Record<string, string> = {
    '{promptId}': '(?<promptId>.+?)',
    '{language}': '(?<language>[a-z]{2}(?:-[A-Za-z]+)?)',
    '{sample}': '(?<sample>\\d+)',
    '{ext}': '(?<ext>[A-Za-z0-9]+)',
    '*': '.*',
  };
  return new RegExp(`^${parts.map((p) => groups[p] ?? p.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('')}$`);
}

/** Entries from a filename pattern, and the files in the folder that do not fit it. */
export function entriesFromPattern(dir: string, pattern: string): { entries: FolderEntry[]; unmatchedFiles: string[] } {
  const regex = patternRegex(pattern);
  const entries: FolderEntry[] = [];
  const unmatchedFiles: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    if (name.startsWith('.')) continue;
    const g = regex.exec(name)?.groups;
    if (!g?.promptId) {
      unmatchedFiles.push(name);
      continue;
    }
    entries.push({
      promptId: g.promptId,
      language: g.language,
      sample: g.sample === undefined ? undefined : Number(g.sample),
      file: join(dir, name),
      source: name,
    });
  }
  return { entries, unmatchedFiles };
}

/** Entries from a manifest: JSON (an array), JSONL or CSV with columns promptId, file, language, sample. */
export function entriesFromManifest(path: string, dir: string): FolderEntry[] {
  const text = readFileSync(path, 'utf8');
  let rows: Record<string, unknown>[];
  if (extname(path) === '.csv') rows = parseCsv(text, { columns: true, skip_empty_lines: true, trim: true }) as Record<string, unknown>[];
  else if (extname(path) === '.jsonl')
    rows = text
      .split('\n')
      .filter((l) => l.trim())
      .map((l) => JSON.parse(l) as Record<string, unknown>);
  else rows = JSON.parse(text) as Record<string, unknown>[];
  return rows.map((row, i) => {
    const promptId = row.promptId ?? row.prompt_id;
    const file = row.file;
    if (typeof promptId !== 'string' || typeof file !== 'string') throw new Error(`${path}: row ${i + 1} needs "promptId" and "file"`);
    const sample = row.sample === undefined || row.sample === '' ? undefined : Number(row.sample);
    const language = typeof row.language === 'string' && row.language !== '' ? row.language : undefined;
    return { promptId, language, sample, file: resolve(dir, file), source: file };
  });
}

/** The entry for a request: an exact language and sample beat an entry that leaves them open. */
export function findEntry(entries: readonly FolderEntry[], promptId: string, language: string, sample: number): FolderEntry | undefined {
  const fits = entries.filter((e) => e.promptId === promptId && (e.language ?? language) === language && (e.sample ?? 0) === sample);
  return fits.find((e) => e.language === language) ?? fits[0];
}

export interface FolderInventory {
  /** Files that no wanted prompt uses (or that fit no pattern). */
  unmatchedFiles: string[];
  /** Wanted prompts (id/language/sample) without a file. */
  unmatchedPrompts: string[];
}

/** What a folder holds against what a run wants: both lists are for the user to fix. */
export function inventory(
  entries: readonly FolderEntry[],
  notFitting: readonly string[],
  wanted: readonly { promptId: string; language: string; sample: number }[],
): FolderInventory {
  const used = new Set<string>();
  const unmatchedPrompts: string[] = [];
  for (const w of wanted) {
    const e = findEntry(entries, w.promptId, w.language, w.sample);
    if (e) used.add(e.file);
    else unmatchedPrompts.push(`${w.promptId}/${w.language}/${w.sample}`);
  }
  const unused = entries.filter((e) => !used.has(e.file)).map((e) => e.file);
  return { unmatchedFiles: [...notFitting, ...unused], unmatchedPrompts };
}
