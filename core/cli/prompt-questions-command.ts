import type { LoadedConfig } from '../config/index.js';
import type { GeneratedQuestion, Language, Prompt, PromptSet, SourcedQuestions, Store } from '../types/index.js';
import { questionSource } from './question-source.js';
import { stopOnInterrupt } from './stop-signal.js';

export interface PromptQuestionsOptions {
  judge?: string;
  prompt?: string;
  language?: Language;
  json?: boolean;
}

interface Line {
  prompt: string;
  language: Language;
  /** `prompt-set`: the prompt carries its own; `stored` or `generated` (now); `failed` with the reason. */
  source: 'prompt-set' | 'stored' | 'generated' | 'failed';
  questions: GeneratedQuestion[];
  error?: { category: string; message: string };
}

/**
 * `loupe prompts questions`: the DSG questions of every prompt of a set in the config's languages,
 * generated ahead of a run for prompts without their own (each once, kept in the store beside the
 * set's version) and shown per prompt. A second call reads them from the store and sends nothing.
 */
export async function showPromptQuestions(
  loaded: LoadedConfig,
  store: Store,
  set: PromptSet,
  origin: string,
  o: PromptQuestionsOptions,
): Promise<void> {
  if (loaded.config.judges.length === 0) throw new Error(`${loaded.file} has no judges: questions are written by a judge's model`);
  const prompts = o.prompt ? set.prompts.filter((p) => p.id === o.prompt) : set.prompts;
  if (prompts.length === 0) throw new Error(`no prompt "${o.prompt}" in set "${set.id}" v${set.version}`);
  // Generated questions live beside a stored set version: store it first (the same content is a no-op).
  await store.putPromptSet(set, origin);
  const signals = stopOnInterrupt();
  try {
    const source = questionSource(loaded, { store: null, stop: signals.stop }, store, o.judge)!;
    const languages = o.language ? [o.language] : loaded.config.languages;
    const asks = prompts.flatMap((p) => languages.flatMap((language) => (p.text[language] ? [{ p, language }] : [])));
    const lines = await Promise.all(
      asks.map(async ({ p, language }) => lineOf(p, language, await ownOrGenerated(p, language, set, source))),
    );
    if (o.json) console.log(JSON.stringify({ set: set.id, version: set.version, generator: source.generator, prompts: lines }, null, 2));
    else printLines(set, source.generator, lines);
    if (lines.some((l) => l.source === 'failed')) process.exitCode = 1;
  } finally {
    signals.dispose();
  }
}

async function ownOrGenerated(
  p: Prompt,
  language: Language,
  set: PromptSet,
  source: NonNullable<ReturnType<typeof questionSource>>,
): Promise<SourcedQuestions | null> {
  if ((p.expect?.questions?.length ?? 0) > 0) return null;
  return source.questionsFor({ prompt: p, language, text: p.text[language]!, promptSet: { id: set.id, version: set.version } });
}

function lineOf(p: Prompt, language: Language, got: SourcedQuestions | null): Line {
  const base = { prompt: p.id, language };
  if (!got) return { ...base, source: 'prompt-set', questions: p.expect!.questions! };
  if (!got.ok) return { ...base, source: 'failed', questions: [], error: { category: got.category, message: got.message } };
  return { ...base, source: got.cached ? 'stored' : 'generated', questions: got.questions };
}

function printLines(set: PromptSet, generator: { judge: string; model: string; template: string }, lines: readonly Line[]): void {
  console.log(`${set.id} v${set.version}: questions by judge "${generator.judge}" (${generator.model}, template ${generator.template})`);
  for (const l of lines) {
    const what = l.error ? `failed, ${l.error.category}: ${l.error.message}` : `${l.questions.length} questions, ${l.source}`;
    console.log(`\n${l.prompt} [${l.language}]  ${what}`);
    for (const q of l.questions) {
      const parents = q.parents.length > 0 ? `  (after ${q.parents.join(', ')})` : '';
      const tuple = q.tuple ? `  ${q.tuple}` : '';
      console.log(`  ${q.id}. ${q.text[l.language] ?? Object.values(q.text)[0]}${parents}${tuple}`);
    }
  }
  const count = (s: Line['source']) => lines.filter((l) => l.source === s).length;
  console.log(
    `\n${lines.length} prompt texts: ${count('generated')} generated now, ${count('stored')} stored before, ${count('prompt-set')} with the set's own questions, ${count('failed')} failed`,
  );
}
