#!/usr/bin/env node
// onnxruntime-node writes telemetry files from every process unless this is set before it loads.
process.env.ORT_DISABLE_TELEMETRY ??= '1';
// `loupe prompts list | head` closes the pipe early: that is not an error.
process.stdout.on('error', (e) => {
  if (e.code === 'EPIPE') process.exit(0);
  throw e;
});
const { register } = await import('tsx/esm/api');
register();
const { main } = await import('../core/cli/main.ts');
await main(process.argv);
