import { planGenerations, resolvePromptSources } from '../run/index.js';
import type { Generator } from '../types/index.js';
import type { FolderInventory } from '../../models/index.js';
import { buildGenerator, loadConfigFile, openWorkspace } from './compose.js';

type WithInventory = Generator & { inventory(wanted: { promptId: string; language: string; sample: number }[]): FolderInventory };
const hasInventory = (g: Generator): g is WithInventory => typeof (g as Partial<WithInventory>).inventory === 'function';

/**
 * Builds every generator of a config (so a missing workflow file or a bad node name shows now,
 * not mid-run) and, for `folder` generators, lists the files no planned prompt uses and the
 * planned prompts without a file. Returns the number of problems found.
 */
export async function checkGenerators(configFile: string, print: (line: string) => void): Promise<number> {
  const loaded = loadConfigFile(configFile);
  const ws = await openWorkspace(loaded);
  try {
    const sets = await resolvePromptSources(loaded, ws.store);
    let problems = 0;
    for (const entry of loaded.config.generators) {
      let generator: Generator;
      try {
        generator = buildGenerator(entry, loaded);
      } catch (e) {
        print(`${entry.id}: ${(e as Error).message}`);
        problems++;
        continue;
      }
      if (!hasInventory(generator)) {
        print(`${entry.id}: ok (${generator.type})`);
        continue;
      }
      const wanted = planGenerations({
        sets,
        generators: [generator],
        languages: loaded.config.languages,
        samples: loaded.config.samples,
        seed: loaded.config.seed,
      }).map((p) => ({ promptId: p.promptId, language: p.language, sample: p.sample }));
      const { unmatchedFiles, unmatchedPrompts } = generator.inventory(wanted);
      print(`${entry.id}: ${wanted.length - unmatchedPrompts.length} of ${wanted.length} planned prompts have a file`);
      if (unmatchedPrompts.length > 0) print(`  prompts without a file (id/language/sample): ${unmatchedPrompts.join(', ')}`);
      if (unmatchedFiles.length > 0) print(`  files no planned prompt uses: ${unmatchedFiles.join(', ')}`);
      problems += unmatchedPrompts.length + unmatchedFiles.length;
    }
    return problems;
  } finally {
    await ws.close();
  }
}
