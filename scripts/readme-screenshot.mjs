#!/usr/bin/env node
// The README's picture of a report's first screen (1280 x 1000, English), from the quickstart report:
//   npm run readme:screenshot    (`loupe run` on the quickstart config, which resumes, then this)
//   node scripts/readme-screenshot.mjs [report.html] [out.png]
// Taken by screenshot.mjs in the system Chromium, then reduced to a 64-colour palette so that the
// file stays small in git (the charts and text are flat colours; the thumbnails lose a little).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';

const [html = 'reports/quickstart/report.html', out = 'core/report/verdict/first-screen.png'] = process.argv.slice(2);
const dir = mkdtempSync(join(tmpdir(), 'loupe-shot-'));
try {
  const full = join(dir, 'first-screen.png');
  const screenshot = fileURLToPath(new URL('./screenshot.mjs', import.meta.url));
  const r = spawnSync(process.execPath, [screenshot, html, full, '1280', '1000'], { stdio: ['ignore', 'ignore', 'inherit'] });
  if (r.status !== 0) process.exit(r.status ?? 1);
  await sharp(full).png({ palette: true, colors: 64, compressionLevel: 9, effort: 10 }).toFile(out);
  console.log(`${out}: ${Math.round(statSync(out).size / 1024)} KB`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
