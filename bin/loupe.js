#!/usr/bin/env node
// onnxruntime-node writes telemetry files from every process unless this is set before it loads.
process.env.ORT_DISABLE_TELEMETRY ??= '1';
// `loupe prompts list | head` closes the pipe early: that is not an error.
process.stdout.on('error', (e) => {
  if (e.code === 'EPIPE') process.exit(0);
  throw e;
});
const { compiledEntry } = await import('./compiled-entry.js');
let entry = compiledEntry(process.argv);
if (!entry) {
  // Development: the TypeScript sources, compiled as they load by tsx, a development dependency.
  const tsx = await import('tsx/esm/api').catch(() => null);
  if (!tsx) {
    console.error(
      'loupe: dist/ is missing or older than the sources, and tsx (a development dependency) is not installed: ' +
        'run `npm install` and `npm run build` in the Loupe folder.',
    );
    process.exit(1);
  }
  tsx.register();
  entry = new URL('../core/cli/main.ts', import.meta.url).href;
}
if (process.env.LOUPE_DEBUG) console.error(`loupe: running ${entry}`);
const { main } = await import(entry);
await main(process.argv);
