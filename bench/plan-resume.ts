// The start of a resume, alone (a child of bench/plan.ts): what `loupe generate` does before its
// first request (prompts resolved, the plan recorded again, dead claims released, what is left to
// make read and put into lanes), then a stop that is already set, so that nothing is generated.
// Without a config it only loads its modules: the start-up, which the bench prints beside the steps.
import { buildGenerators, loadConfigFile, openWorkspace } from '../core/cli/compose.js';
import { generateOptions } from '../core/cli/generate-options.js';
import { generateAll, prepareRun, releaseDeadClaims, type RunEvent } from '../core/run/index.js';

const config = process.argv[2];
if (config) await startResume(config);

async function startResume(config: string): Promise<void> {
  const loaded = loadConfigFile(config);
  const ws = await openWorkspace(loaded);
  try {
    const prepared = await prepareRun(loaded, ws.store, buildGenerators(loaded));
    await releaseDeadClaims(ws.store, prepared.run.id);
    const stopped = AbortSignal.abort();
    const printTodo = (e: RunEvent) => {
      if (e.type === 'generate-start') console.log(`${e.todo} of ${e.total} to make`);
    };
    await generateAll(generateOptions(loaded, ws, prepared, { stop: stopped, abort: stopped }, { onEvent: printTodo }));
  } finally {
    await ws.close();
  }
}
