import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import { type MediaPreview, type MediaStore, type MetricDescription, type Store } from '../types/index.js';
import type { AnalysisOptions } from '../analysis/index.js';
import { buildReportData, type ReportData } from './report-data.js';
import { renderReportHtml, type GalleryRow } from './report-html.js';
import { renderAgreementCsv, renderLedgerCsv, renderMosCsv, renderSpendCsv } from './report-csv.js';
import { renderFailuresCsv, scoresCsvLines } from './scores-csv.js';
import { jsonPieces } from './json-pieces.js';
import { writePieces } from './write-pieces.js';
import { REPORT_SCHEMA_FILE, reportJsonSchema, type ReportJson } from './report-schema.js';
import { compareRuns } from './compare-runs.js';
import type { RunComparison } from './run-comparison.js';
import { baselineThumbKey } from './report-compare-html.js';

export interface WrittenReport {
  html: string;
  /** The same report in Chinese. */
  htmlZh: string;
  json: string;
  csv: string;
  /** failures.csv: every generation that failed to generate, decode or score, with the user's file name (only a header when none did). */
  failuresCsv: string;
  /** spend.csv: what the done generations cost, per generator, prompt set and both. */
  spendCsv: string;
  /** ledger.csv: every paid request of the run, with its phase, job id, price and time (only a header for runs without a ledger). */
  ledgerCsv: string;
  data: ReportData;
}

/** Writes report.html and report.zh.html (self-contained, English and Chinese), report.json with its JSON Schema (report.schema.json), scores.csv, failures.csv, spend.csv and ledger.csv into `<dir>/<run id>/`, with mos.csv and agreement.csv when a study exists. */
export async function writeReport(options: {
  store: Store;
  media: MediaStore;
  /** Makes the gallery's pictures of clips. */
  preview: MediaPreview;
  runId: string;
  /** How each metric describes itself (range, direction, description), for the scores in the run. */
  metrics: readonly MetricDescription[];
  dir: string;
  galleryRows?: number;
  analysis?: AnalysisOptions;
  /**
   * A run to compare this one with, of this store unless `other` names another workspace's;
   * `check` may refuse the comparison (a provenance mismatch) by throwing, before anything is written.
   */
  baseline?: { runId: string; other?: { store: Store; media: MediaStore | null; where: string }; check(comparison: RunComparison): void };
}): Promise<WrittenReport> {
  const built = await buildReportData(options.store, options.runId, options.metrics, options.analysis);
  const base = options.baseline;
  const comparison = base
    ? await compareRuns(
        {
          baseline: { store: base.other?.store ?? options.store, runId: base.runId, where: base.other?.where },
          candidate: { store: options.store, runId: options.runId, data: built },
        },
        options.metrics,
        options.analysis,
      )
    : undefined;
  if (comparison) options.baseline!.check(comparison);
  const data = comparison ? { ...built, comparison } : built;
  const out = join(options.dir, options.runId);
  try {
    await mkdir(out, { recursive: true });
  } catch (e) {
    throw new Error(`cannot create the report folder ${out}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  const pictures = { media: options.media, preview: options.preview };
  const gallery = await buildGallery(data, pictures, options.galleryRows ?? 12);
  const paths = {
    html: join(out, 'report.html'),
    htmlZh: join(out, 'report.zh.html'),
    json: join(out, 'report.json'),
    csv: join(out, 'scores.csv'),
    failuresCsv: join(out, 'failures.csv'),
    spendCsv: join(out, 'spend.csv'),
    ledgerCsv: join(out, 'ledger.csv'),
  };
  // The baseline's pictures come from its own media store; none when its store was named by the database alone.
  const baselineMedia = base?.other ? base.other.media : options.media;
  const thumbs = {
    ...(await disagreementThumbnails(data, pictures)),
    ...(await comparisonThumbnails(comparison, baselineMedia && { media: baselineMedia, preview: options.preview }, pictures)),
  };
  await writeFile(paths.html, renderReportHtml(data, gallery, thumbs, 'en'));
  await writeFile(paths.htmlZh, renderReportHtml(data, gallery, thumbs, 'zh'));
  const json: ReportJson = { $schema: `./${REPORT_SCHEMA_FILE}`, ...data };
  await writePieces(paths.json, jsonPieces(json));
  await writeFile(join(out, REPORT_SCHEMA_FILE), JSON.stringify(reportJsonSchema(), null, 2));
  await writePieces(paths.csv, scoresCsvLines(data));
  await writeFile(paths.failuresCsv, renderFailuresCsv(data));
  await writeFile(paths.spendCsv, renderSpendCsv(data));
  await writeFile(paths.ledgerCsv, renderLedgerCsv(data));
  if (data.human.some((h) => h.analysis)) {
    await writeFile(join(out, 'mos.csv'), renderMosCsv(data));
    await writeFile(join(out, 'agreement.csv'), renderAgreementCsv(data));
  }
  return { ...paths, data };
}

/**
 * Rows of (prompt, language) at sample 0, spread evenly over the prompt sets, with every
 * generator side by side.
 */
async function buildGallery(data: ReportData, pictures: Pictures, limit: number): Promise<GalleryRow[]> {
  const firstSample = data.generations.filter((g) => g.sample === 0);
  const rowIds = [...new Set(firstSample.map((g) => `${g.promptSetId}/${g.promptId}/${g.language}`))];
  const sets = [...new Set(firstSample.map((g) => g.promptSetId))];
  const perSet = Math.max(1, Math.ceil(limit / Math.max(1, sets.length)));
  const chosen = new Set(sets.flatMap((set) => rowIds.filter((id) => id.startsWith(`${set}/`)).slice(0, perSet)).slice(0, limit));
  const rows = new Map<string, GalleryRow>();
  for (const g of firstSample) {
    const id = `${g.promptSetId}/${g.promptId}/${g.language}`;
    if (!chosen.has(id)) continue;
    if (!rows.has(id)) rows.set(id, { promptId: g.promptId, language: g.language, text: g.text, cells: {} });
    const row = rows.get(id)!;
    if (g.status !== 'done') {
      row.cells[g.generatorId] = { error: g.status === 'failed' ? `${g.errorCategory}: ${g.errorMessage}` : g.status };
      continue;
    }
    const cell = { src: '', scores: g.scores, details: g.details };
    try {
      row.cells[g.generatorId] = { ...cell, src: await thumbnail(pictures, g.mediaHash!, g.mime!) };
    } catch (e) {
      // A file that passed its checks and still cannot be shrunk (a truncated image) costs its picture, not the report.
      row.cells[g.generatorId] = { ...cell, noPreview: (e as Error).message };
    }
  }
  return [...rows.values()];
}

/** Thumbnails of the items the agreement section shows side by side. */
async function disagreementThumbnails(data: ReportData, pictures: Pictures): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const h of data.human) {
    for (const [key, info] of Object.entries(h.items)) {
      if (out[key] || !info.mediaHash || !info.mime) continue;
      try {
        out[key] = await thumbnail(pictures, info.mediaHash, info.mime, 200);
      } catch {
        // A missing media file costs the preview, not the report.
      }
    }
  }
  return out;
}

/** Both runs' pictures of the prompt where each change beyond noise is largest; the baseline's under `baselineThumbKey`. */
async function comparisonThumbnails(
  comparison: RunComparison | undefined,
  baseline: Pictures | null,
  candidate: Pictures,
): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const { largest } of comparison?.rows ?? []) {
    if (!largest) continue;
    const sides = [
      [baseline, largest.baseline, baselineThumbKey(largest.baseline.key)],
      [candidate, largest.candidate, largest.candidate.key],
    ] as const;
    for (const [pictures, item, key] of sides) {
      if (!pictures || !item.mediaHash || !item.mime || out[key]) continue;
      try {
        out[key] = await thumbnail(pictures, item.mediaHash, item.mime, 200);
      } catch {
        // A missing media file costs the picture, not the report.
      }
    }
  }
  return out;
}

/** Where thumbnails come from: the media, and the poster maker for clips. */
interface Pictures {
  media: MediaStore;
  preview: MediaPreview;
}

async function thumbnail({ media, preview }: Pictures, hash: string, mime: string, size = 320): Promise<string> {
  if (mime.startsWith('video/')) return preview.poster(await media.localPath(hash), size);
  if (!mime.startsWith('image/')) return '';
  const bytes = await sharp(await media.localPath(hash))
    .resize(size, size, { fit: 'inside' })
    .jpeg({ quality: 72 })
    .toBuffer();
  return `data:image/jpeg;base64,${bytes.toString('base64')}`;
}
