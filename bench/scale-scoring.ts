// The scoring half of `npm run bench:scale`: a model metric scored in this process (`loupe score`'s
// scoreRun) against the same work on one `loupe worker --only score` process taking batched
// scoring jobs from Redis, on the same media, measured in the same run. The metric is clip-score
// with a vision tower that costs what CLIP ViT-B/32 costs (bench/vit-graph.ts, random weights,
// projection to the tiny CLIP fixture's width) and the tiny CLIP fixture's text tower.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildGenerators, loadConfigFile, openWorkspace, selectedMetrics } from '../core/cli/compose.js';
import { scoreOnQueue } from '../core/queue/queued-steps.js';
import { systemClock } from '../core/run/clock.js';
import { scoreRun } from '../core/run/score.js';
import { resolveRun } from '../core/run/prepare-run.js';
import { VIT_B32, seededVit, vitOnnx } from './vit-graph.js';

const LOUPE = fileURLToPath(new URL('../bin/loupe.js', import.meta.url));
const TINY_CLIP = fileURLToPath(new URL('../test/fixtures/models/tiny-clip/', import.meta.url));
const RUN = 'scale-score';

/** A CLIP model folder whose vision tower costs ViT-B/32's 4.4 GMACs per image. */
function vitClipFolder(dir: string): string {
  const model = join(dir, 'vit-clip');
  cpSync(TINY_CLIP, model, { recursive: true });
  const shape = { ...VIT_B32, proj: 16 }; // the tiny text tower's embedding width
  writeFileSync(join(model, 'onnx', 'vision_model.onnx'), vitOnnx(shape, seededVit(shape, 1)));
  return model;
}

function startScoreWorker(dir: string, queue: string, concurrency: number): Promise<ChildProcess> {
  const args = [LOUPE, 'worker', '--queue', queue, '--only', 'score', '--concurrency', String(concurrency), '--quiet'];
  const child = spawn(process.execPath, args, { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the worker exited with ${code} before it was ready:\n${log}`)));
    child.stderr!.on('data', (d: Buffer) => (log += d).includes('takes jobs of run') && resolve(child));
  });
}

/** Scores the run in `dir` and returns images per second; `queue` scores it on one worker process instead of here. */
async function scoreImages(dir: string, images: number, queue?: { url: string; concurrency: number }): Promise<number> {
  const loaded = loadConfigFile(join(dir, 'loupe.config.yaml'));
  const worker = queue ? await startScoreWorker(dir, queue.url, queue.concurrency) : undefined;
  const ws = await openWorkspace(loaded);
  const stop = new AbortController().signal;
  const metrics = selectedMetrics(loaded, { store: ws.store, stop });
  try {
    const started = performance.now();
    if (queue) {
      const common = { url: queue.url, runId: RUN, store: ws.store, generatorIds: ['synthetic'], stop, clock: systemClock };
      await scoreOnQueue({ ...common, pollMs: 50, onProgress: () => undefined, metrics });
    } else {
      const { prompts } = await resolveRun(loaded, ws.store, buildGenerators(loaded));
      await scoreRun({ store: ws.store, media: ws.media, runId: RUN, metrics, prompts, stop });
    }
    const seconds = (performance.now() - started) / 1000;
    const scores = await ws.store.listScores({ runId: RUN });
    const failed = scores.filter((s) => s.value === null);
    if (scores.length !== images || failed.length > 0)
      throw new Error(`${scores.length} of ${images} scored, ${failed.length} failed: ${failed[0]?.error}`);
    return images / seconds;
  } finally {
    await Promise.all(metrics.map((m) => m.dispose?.()));
    await ws.close();
    if (worker) await new Promise((resolve) => (worker.once('exit', resolve), worker.kill('SIGTERM')));
  }
}

/** Prints in-process and one-worker images/s of clip-score on a ViT-B/32-cost graph, and their ratio. */
export async function benchScoring(queue: string, images: number, concurrency: number): Promise<void> {
  const base = mkdtempSync(join(tmpdir(), 'loupe-scale-score-'));
  try {
    const alone = join(base, 'alone');
    vitClipFolder(base);
    cpSync(join(base, 'vit-clip'), join(alone, 'vit-clip'), { recursive: true });
    writeFileSync(
      join(alone, 'loupe.config.yaml'),
      [
        `run: { id: ${RUN} }`,
        'prompts: [{ set: counting, sample: 10 }]',
        'languages: [en]',
        `samples: ${Math.ceil(images / 10)}`,
        'generators: [{ id: synthetic, type: synthetic, width: 640, height: 480 }]',
        'metrics: [clip-score]',
        'models: { clip-en: ./vit-clip, clip-zh: ./vit-clip }',
      ].join('\n'),
    );
    execFileSync(process.execPath, [LOUPE, 'generate', '--quiet'], { cwd: alone, stdio: 'ignore' });
    const worker = join(base, 'worker');
    cpSync(alone, worker, { recursive: true }); // the same store and media, unscored
    const made = Math.ceil(images / 10) * 10;
    console.log(
      `\nScoring: clip-score, ViT-B/32-cost vision graph, ${made} synthetic 640x480 PNGs, SQLite; the worker takes batched jobs, ${concurrency} at once.`,
    );
    const inProcess = await scoreImages(alone, made);
    const oneWorker = await scoreImages(worker, made, { url: queue, concurrency });
    console.log(`in-process (loupe score):    ${inProcess.toFixed(2)} images/s`);
    console.log(`one worker (loupe worker):   ${oneWorker.toFixed(2)} images/s`);
    const ratio = oneWorker / inProcess;
    console.log(`ratio worker/in-process: ${(ratio * 100).toFixed(0)}% (goal >= 80%: ${ratio >= 0.8 ? 'met' : 'NOT met'})`);
  } finally {
    rmSync(base, { recursive: true, force: true });
  }
}
