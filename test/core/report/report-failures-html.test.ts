import { describe, expect, it } from 'vitest';
import type { ReportData } from '../../../core/report/report-data.js';
import { buildFailures, type ReportFailure } from '../../../core/report/report-failures.js';
import { failuresSection } from '../../../core/report/report-failures-html.js';
import { REPORT_STRINGS } from '../../../core/report/report-strings.js';
import { renderFailuresCsv } from '../../../core/report/scores-csv.js';
import type { GenerationRecord, LedgerEntry, ScoreRecord } from '../../../core/types/index.js';
import { planned } from '../store/store-fixtures.js';

const HASH = 'c'.repeat(64);

function generation(key: string, over: Partial<GenerationRecord>): GenerationRecord {
  return {
    ...planned(key, { generatorId: 'api', promptId: `p-${key}`, language: 'en' }),
    status: 'done',
    attempts: 1,
    mediaHash: null,
    mime: null,
    width: null,
    height: null,
    durationSec: null,
    fps: null,
    latencyMs: null,
    costUsd: null,
    providerIds: null,
    errorCategory: null,
    errorMessage: null,
    claimedBy: null,
    createdAt: '',
    updatedAt: '',
    ...over,
  };
}

describe('buildFailures', () => {
  it("names a generated item by its prompt and the provider's job id, and replaces the media store path in a metric's message", () => {
    const gens = [
      generation('a', { status: 'failed', errorCategory: 'timeout', errorMessage: 'no answer within 600000 ms' }),
      generation('b', { mediaHash: HASH, mime: 'video/mp4' }),
    ];
    const ledger = [{ generationKey: 'a', jobId: 'job-7' }] as LedgerEntry[];
    const score = (metricId: string, error: string) => ({ generationKey: 'b', metricId, error }) as ScoreRecord;
    const failures = buildFailures(
      gens,
      [
        score('motion', `cannot decode video /srv/loupe/media/cc/${HASH}.mp4: no video stream (only audio)`),
        score('aesthetic', 'aesthetic failed: out of memory'),
      ],
      ledger,
    );
    expect(failures.map((f) => [f.generationKey, f.category, f.metricId, f.request, f.file, f.errorCategory])).toEqual([
      ['a', 'generate', null, 'job-7', null, 'timeout'],
      ['b', 'score', 'aesthetic', null, null, null],
      ['b', 'decode', 'motion', null, null, null],
    ]);
    expect(failures[2]!.message).toBe('cannot decode video api/p-b (en, sample 0): no video stream (only audio)');
  });
});

describe("a metric's failure category", () => {
  it("comes from the score's details into the failure list, the HTML and the CSV", () => {
    const gens = [generation('b', { mediaHash: HASH, mime: 'image/png' })];
    const judged = {
      generationKey: 'b',
      metricId: 'vqascore',
      error: 'the endpoint returned no log probabilities, so VQAScore cannot be computed',
      details: { errorCategory: 'no-logprobs' },
    } as unknown as ScoreRecord;
    const failures = buildFailures(gens, [judged], []);
    expect(failures.map((f) => [f.category, f.metricId, f.errorCategory])).toEqual([['score', 'vqascore', 'no-logprobs']]);
    const data = { failures } as ReportData;
    expect(failuresSection(data, REPORT_STRINGS.en)).toContain(
      '<code class="category">no-logprobs</code> the endpoint returned no log probabilities',
    );
    expect(renderFailuresCsv(data)).toContain('no-logprobs');
  });
});

describe('the failures section of a large run', () => {
  it('shows counts per kind and the first 10 lines of each, while failures.csv holds every failure', () => {
    const failures: ReportFailure[] = [];
    const add = (n: number, f: (i: number) => Partial<ReportFailure>) => {
      for (let i = 0; i < n; i++) {
        failures.push({
          generationKey: `k${failures.length}`,
          generatorId: 'g',
          promptId: `p${i}`,
          language: 'en',
          sample: 0,
          file: null,
          request: null,
          category: 'decode',
          errorCategory: null,
          metricId: null,
          message: 'm',
          ...f(i),
        });
      }
    };
    // 1500 clips that no video metric reads: 3000 failures on 1500 files; 700 refusals.
    add(1500, (i) => ({
      generationKey: `clip${i}`,
      file: `clip-${i}.mp4`,
      metricId: 'motion',
      message: `cannot decode video clip-${i}.mp4: cut`,
    }));
    add(1500, (i) => ({
      generationKey: `clip${i}`,
      file: `clip-${i}.mp4`,
      metricId: 'flicker',
      message: `cannot decode video clip-${i}.mp4: cut`,
    }));
    add(700, (i) => ({ category: 'generate', errorCategory: 'refused', request: `req-${i}`, message: 'refused by the safety filter' }));
    const data = { failures } as ReportData;
    const html = failuresSection(data, REPORT_STRINGS.en);
    const kinds = html.split('<h3 class="failure-kind"').slice(1);
    expect(kinds.map((k) => k.match(/data-category="(\w+)"/)![1])).toEqual(['generate', 'decode']);
    const [generate, decode] = kinds as [string, string];
    expect(generate.match(/<tr><td>/g)).toHaveLength(10);
    expect(decode.match(/<tr><td>/g)).toHaveLength(10);
    expect(generate).toContain('700 failure(s) on 700 file(s) or generation(s)');
    expect(decode).toContain('3000 failure(s) on 1500 file(s) or generation(s)');
    expect(decode).toContain('1490 more of this kind');
    expect(generate).toContain('690 more of this kind');
    // One line per clip with both metrics that failed on it.
    expect(decode).toContain('<code>clip-0.mp4</code></td><td><code>motion</code> <code>flicker</code>');
    expect(generate).toContain('req-0');
    const lines = renderFailuresCsv(data).trim().split('\n');
    expect(lines).toHaveLength(1 + 3700);
  });
});
