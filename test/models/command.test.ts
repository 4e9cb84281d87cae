import { existsSync, statSync, watch } from 'node:fs';
import { dirname } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createCommandGenerator } from '../../models/command.js';
import { useTempDir } from '../helpers/temp-dir.js';
import { ctx, expectFailure, expectMedia, request } from './adapter-fixtures.js';
import { tinyPng } from './fake-server.js';

const tempDir = useTempDir();

/** A stand-in for a model script: its behaviour is picked by the first argument. */
const SCRIPT = `
const [mode, out, prompt, seed, log] = process.argv.slice(2);
const fs = require('node:fs');
fs.appendFileSync(log, JSON.stringify({ mode, prompt, seed }) + '\\n');
if (mode === 'ok') fs.writeFileSync(out, Buffer.from(process.env.PNG_B64, 'base64'));
if (mode === 'html') fs.writeFileSync(out, '<html>error</html>');
if (mode === 'fail') { console.error('CUDA out of memory'); process.exit(3); }
if (mode === 'refuse') process.exit(42);
if (mode === 'hang') { console.log('ready'); setInterval(() => {}, 1000); }
`;

async function setup(mode: string) {
  const t = tempDir();
  const script = t.write('model.cjs', SCRIPT);
  const log = `${t.dir}/calls.jsonl`;
  const gen = createCommandGenerator({
    id: 'cmd',
    type: 'command',
    program: process.execPath,
    args: [script, mode, '{output}', '{prompt}', '{seed}', log],
    env: { PNG_B64: (await tinyPng()).toString('base64') },
    refusedExitCodes: [42],
  });
  return {
    gen,
    logPath: log,
    log: () =>
      import('node:fs').then((fs) =>
        fs
          .readFileSync(log, 'utf8')
          .trim()
          .split('\n')
          .map((l) => JSON.parse(l)),
      ),
  };
}

/** Resolves once `path` exists and is not empty, woken by file-system events. */
function fileWritten(path: string): Promise<void> {
  const ready = () => existsSync(path) && statSync(path).size > 0;
  return new Promise((resolve) => {
    const watcher = watch(dirname(path), () => {
      if (!ready()) return;
      watcher.close();
      resolve();
    });
    if (ready()) {
      watcher.close();
      resolve();
    }
  });
}

describe('command', () => {
  it('passes prompt, seed and output path as arguments (no shell) and reads the file', async () => {
    const { gen, log } = await setup('ok');
    const text = 'a "quoted" apple; rm -rf / $(whoami)';
    expectMedia(await gen.generate(request({ text, seed: 9 }), ctx()));
    expect(await log()).toEqual([{ mode: 'ok', prompt: text, seed: '9' }]);
  });

  it('categorises a failing, refusing, silent or lying program', async () => {
    expect(expectFailure(await (await setup('fail')).gen.generate(request(), ctx()), 'server', true).message).toContain(
      'CUDA out of memory',
    );
    expectFailure(await (await setup('refuse')).gen.generate(request(), ctx()), 'refused', false);
    expectFailure(await (await setup('none')).gen.generate(request(), ctx()), 'invalid-output', false);
    expectFailure(await (await setup('html')).gen.generate(request(), ctx()), 'invalid-output', false);
    const missing = createCommandGenerator({ id: 'x', type: 'command', program: '/no/such/program' });
    expectFailure(await missing.generate(request(), ctx()), 'bad-request', false);
  });

  it('kills a hung program when the signal aborts', async () => {
    const { gen, logPath } = await setup('hang');
    const stop = new AbortController();
    const pending = gen.generate(request(), ctx(stop.signal));
    // The program writes its call log before it hangs: wait for that file event, not a timer.
    await fileWritten(logPath);
    stop.abort();
    expectFailure(await pending, 'cancelled', false);
  });
});
