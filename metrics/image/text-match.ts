/** Comparing the text read from an image with the text the prompt asked for. */

/** CJK and typographic punctuation NFKC leaves alone, mapped to the ASCII a reader would accept. */
const PUNCTUATION: Record<string, string> = {
  '。': '.',
  '、': ',',
  '“': '"',
  '”': '"',
  '„': '"',
  '‟': '"',
  '「': '"',
  '」': '"',
  '『': '"',
  '』': '"',
  '《': '"',
  '》': '"',
  '〈': '"',
  '〉': '"',
  '‘': "'",
  '’': "'",
  '‚': "'",
  '‛': "'",
  '—': '-',
  '–': '-',
  '―': '-',
  '－': '-',
  '～': '~',
  '〜': '~',
  '·': '.',
  '・': '.',
  '【': '[',
  '】': ']',
  '〔': '(',
  '〕': ')',
};

export const NORMALISATION =
  'NFKC (full-width letters, digits and punctuation to half-width), CJK and typographic quotes, dashes and stops to ASCII, lower case, all whitespace removed';

export function normaliseText(text: string): string {
  const nfkc = text.normalize('NFKC');
  let out = '';
  for (const ch of nfkc) out += PUNCTUATION[ch] ?? ch;
  return out.toLowerCase().replace(/\s+/gu, '');
}

/** Levenshtein distance over code points (a CJK character counts once). */
export function editDistance(a: string, b: string): number {
  const x = [...a],
    y = [...b];
  if (x.length === 0) return y.length;
  let prev = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const cur = [i];
    for (let j = 1; j <= y.length; j++) {
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (x[i - 1] === y[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[y.length]!;
}

/** Edit distance divided by the longer length: 0 identical, 1 nothing in common; 0 when both are empty. */
export function normalisedEditDistance(a: string, b: string): number {
  const n = Math.max([...a].length, [...b].length);
  return n === 0 ? 0 : editDistance(a, b) / n;
}

/** F1 of the character multisets: precision over what was read, recall over what was asked for. */
export function charF1(read: string, expected: string): { precision: number; recall: number; f1: number } {
  const counts = new Map<string, number>();
  for (const ch of expected) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let overlap = 0;
  for (const ch of read) {
    const left = counts.get(ch) ?? 0;
    if (left > 0) {
      overlap++;
      counts.set(ch, left - 1);
    }
  }
  const r = [...read].length,
    e = [...expected].length;
  const precision = r === 0 ? (e === 0 ? 1 : 0) : overlap / r;
  const recall = e === 0 ? 1 : overlap / e;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1 };
}

export interface TextMatch {
  exact: boolean;
  editDistance: number;
  ned: number;
  charF1: number;
  precision: number;
  recall: number;
}

export function matchText(read: string, expected: string): TextMatch {
  const a = normaliseText(read),
    b = normaliseText(expected);
  const f = charF1(a, b);
  return {
    exact: a === b,
    editDistance: editDistance(a, b),
    ned: normalisedEditDistance(a, b),
    charF1: f.f1,
    precision: f.precision,
    recall: f.recall,
  };
}
