// Throughput of distributed generation and scoring:
// npm run bench:scale [-- --generations 160 --latency 200 --concurrency 4 --images 128 --score-concurrency 4]
// Starts Redis (Debian's redis-server) and a fake AUTOMATIC1111 server that answers every
// request after a fixed latency; then, for 1, 2 and 4 `loupe worker` processes (each taking
// `--concurrency` jobs at once), enqueues the same evaluation into a fresh SQLite store and
// times it from the first enqueue to the last finished generation (worker start-up excluded).
// Prints generations per second and the ratio to 1 worker measured in the same run. Then scoring
// (bench/scale-scoring.ts): a model metric in process against one scoring worker, and the ratio.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import sharp from 'sharp';
import { generateOnQueue } from '../core/queue/queued-steps.js';
import { systemClock } from '../core/run/clock.js';
import { buildGenerators, loadConfigFile, openWorkspace } from '../core/cli/compose.js';
import { prepareRun } from '../core/run/prepare-run.js';
import { startRedis } from '../scripts/redis-server.js';
import { benchScoring } from './scale-scoring.js';

const { values: args } = parseArgs({
  options: {
    generations: { type: 'string', default: '160' },
    latency: { type: 'string', default: '200' },
    concurrency: { type: 'string', default: '4' },
    images: { type: 'string', default: '128' },
    'score-concurrency': { type: 'string', default: '4' },
  },
});
const LATENCY_MS = Number(args.latency);
const CONCURRENCY = Number(args.concurrency);
// The counting set has enough prompts for 10 per language; samples make up the rest.
const SAMPLES = Math.ceil(Number(args.generations) / 20);
const LOUPE = fileURLToPath(new URL('../bin/loupe.js', import.meta.url));

async function startFakeGenerator(): Promise<{ url: string; close(): void }> {
  const png = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#884422' } })
    .png()
    .toBuffer();
  const body = JSON.stringify({ images: [png.toString('base64')] });
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => setTimeout(() => res.writeHead(200, { 'content-type': 'application/json' }).end(body), LATENCY_MS));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return { url: `http://127.0.0.1:${port}`, close: () => server.close() };
}

function startWorker(dir: string, queue: string): Promise<ChildProcess> {
  const child = spawn(
    process.execPath,
    [LOUPE, 'worker', '--queue', queue, '--only', 'generate', '--concurrency', String(CONCURRENCY), '--quiet'],
    { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let log = '';
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`a worker exited with ${code} before it was ready:\n${log}`)));
    child.stderr!.on('data', (d: Buffer) => (log += d).includes('takes jobs of run') && resolve(child));
  });
}

async function measure(workers: number, queue: string, generatorUrl: string): Promise<{ count: number; seconds: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'loupe-scale-'));
  const runId = `scale-${workers}`;
  writeFileSync(
    join(dir, 'loupe.config.yaml'),
    [
      `run: { id: ${runId} }`,
      'prompts: [{ set: counting, sample: 10 }]',
      'languages: [zh, en]',
      `samples: ${SAMPLES}`,
      `generators: [{ id: fake, type: a1111, baseUrl: "${generatorUrl}", width: 64, height: 64 }]`,
      'scheduler: { concurrency: 256 }',
    ].join('\n'),
  );
  const children = await Promise.all(Array.from({ length: workers }, () => startWorker(dir, queue)));
  const loaded = loadConfigFile(join(dir, 'loupe.config.yaml'));
  const ws = await openWorkspace(loaded);
  try {
    const prepared = await prepareRun(loaded, ws.store, buildGenerators(loaded));
    const never = new AbortController().signal;
    const started = performance.now();
    await generateOnQueue({
      url: queue,
      runId,
      store: ws.store,
      generatorIds: ['fake'],
      stop: never,
      clock: systemClock,
      pollMs: 50,
      onProgress: () => undefined,
      planned: prepared.planned,
      scheduler: loaded.config.scheduler,
      retryFailed: false,
    });
    const seconds = (performance.now() - started) / 1000;
    const done = await ws.store.listGenerations({ runId, status: 'done' });
    if (done.length !== prepared.planned.length) throw new Error(`${done.length} of ${prepared.planned.length} generations done`);
    return { count: done.length, seconds };
  } finally {
    await ws.close();
    await Promise.all(children.map((c) => new Promise((resolve) => (c.once('exit', resolve), c.kill('SIGTERM')))));
    rmSync(dir, { recursive: true, force: true });
  }
}

const redis = await startRedis();
const generator = await startFakeGenerator();
try {
  console.log(
    `Fake generator latency ${LATENCY_MS} ms; each worker takes ${CONCURRENCY} jobs at once; SQLite store; ${SAMPLES * 20} generations per measurement.`,
  );
  console.log('workers  generations  seconds  gen/s  vs 1 worker');
  let base = 0;
  for (const workers of [1, 2, 4]) {
    const { count, seconds } = await measure(workers, redis.url, generator.url);
    const rate = count / seconds;
    base ||= rate;
    console.log(
      `${String(workers).padStart(7)}  ${String(count).padStart(11)}  ${seconds.toFixed(2).padStart(7)}  ${rate.toFixed(1).padStart(5)}  ${(rate / base).toFixed(2).padStart(10)}x`,
    );
  }
  console.log(`Ideal with no overhead: ${((1000 / LATENCY_MS) * CONCURRENCY).toFixed(1)} gen/s per worker.`);
  await benchScoring(redis.url, Number(args.images), Number(args['score-concurrency']));
} finally {
  generator.close();
  await redis.stop();
}
