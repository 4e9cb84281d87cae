#!/usr/bin/env node
// onnxruntime-node writes telemetry files from every process unless this is set before it loads.
process.env.ORT_DISABLE_TELEMETRY ??= '1';
const { register } = await import('tsx/esm/api');
register();
const { main } = await import('../core/cli/main.ts');
await main(process.argv);
