import type { Command } from 'commander';
import { cacheRoot, pullModel, type PullProgress, KNOWN_MODELS, listModels, verifyModel } from '../../metrics/index.js';

/** `loupe models list | pull <id> | verify [ids...]`: the weights the metrics read, in the cache (LOUPE_CACHE). */
export function registerModelCommands(program: Command): void {
  const models = program
    .command('models')
    .description(
      `the metric models (weights behind the metrics, not the generators under evaluation): list, pull into the cache (${cacheRoot()}), verify`,
    );

  models
    .command('list')
    .description('every metric model Loupe knows: hub id, licence, use, and whether its weights are in the cache')
    .option('--json', 'machine-readable output')
    .action((options: { json?: boolean }) => {
      const rows = listModels();
      if (options.json) {
        console.log(
          JSON.stringify(
            rows.map((r) => ({ ...r.model, folder: r.folder, state: r.state })),
            null,
            2,
          ),
        );
        return;
      }
      for (const r of rows) {
        console.log(
          `${r.state === 'present' ? '✓' : r.state === 'partial' ? '~' : '·'} ${r.model.id}  [${r.model.kind}, ${r.model.licence}]`,
        );
        console.log(
          `    ${r.model.purpose}${r.state === 'present' ? '' : `  (${r.state}: loupe models pull ${r.model.id}${r.model.manualSource ? ' --from <folder>' : ''})`}`,
        );
      }
    });

  models
    .command('pull <id>')
    .description(
      "download a metric model's weights into the cache through the Hugging Face hub (honours HF_ENDPOINT and HF_TOKEN), or import it --from a folder",
    )
    .option('--from <folder>', 'copy the files from a local folder in the hub layout instead of downloading')
    .option('--precision <precision>', 'fp32 (default) or q8: the quantized graphs, where the repository ships them', 'fp32')
    .action(async (id: string, options: { from?: string; precision: string }) => {
      if (options.precision !== 'fp32' && options.precision !== 'q8')
        throw new Error(`--precision must be fp32 or q8, got "${options.precision}"`);
      const manifest = await pullModel(id, { from: options.from, precision: options.precision, onProgress: progressPrinter() });
      const bytes = Object.values(manifest.files).reduce((s, f) => s + f.bytes, 0);
      console.error(`${id}: ${Object.keys(manifest.files).length} files, ${(bytes / 1e6).toFixed(1)} MB, from ${manifest.source}`);
    });

  models
    .command('verify [ids...]')
    .description(
      'check that each metric model (hub id or folder; default: every known model in the cache) is complete, unchanged since pull, and loads',
    )
    .option('--json', 'machine-readable output')
    .action(async (ids: string[], options: { json?: boolean }) => {
      const targets =
        ids.length > 0
          ? ids
          : listModels()
              .filter((r) => r.state !== 'absent')
              .map((r) => r.model.id);
      if (targets.length === 0) console.error(`No model in the cache yet; known: ${KNOWN_MODELS.map((m) => m.id).join(', ')}.`);
      const results = [];
      for (const id of targets) results.push(await verifyModel(id));
      if (options.json) console.log(JSON.stringify(results, null, 2));
      else {
        for (const r of results) {
          console.log(`${r.ok ? 'ok' : 'FAILED'}  ${r.id}  (${r.folder})`);
          for (const f of r.files)
            if (f.status !== 'ok' || !r.ok) console.log(`    ${f.status}  ${f.file}${f.message ? `: ${f.message}` : ''}`);
        }
      }
      if (results.some((r) => !r.ok)) process.exitCode = 1;
    });
}

function progressPrinter(): (p: PullProgress) => void {
  const tty = process.stderr.isTTY;
  let lastPercent = -1;
  return (p) => {
    if (p.status === 'start') {
      lastPercent = -1;
      if (!tty) console.error(`  ${p.file} ...`);
    } else if (p.status === 'progress' && tty && p.total) {
      const percent = Math.floor((100 * (p.loaded ?? 0)) / p.total);
      if (percent !== lastPercent) process.stderr.write(`\r  ${p.file} ${percent}% of ${(p.total / 1e6).toFixed(1)} MB`);
      lastPercent = percent;
    } else if (p.status === 'done') {
      if (tty) process.stderr.write(`\r\x1b[K  ${p.file} done\n`);
      else console.error(`  ${p.file} done`);
    }
  };
}
