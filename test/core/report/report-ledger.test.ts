import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { writeReport } from '../../../core/report/index.js';
import { buildReportData } from '../../../core/report/report-data.js';
import { renderReportHtml } from '../../../core/report/report-html.js';
import { useTempDir } from '../../helpers/temp-dir.js';
import { ledgerFixture, LEDGER } from './report-ledger-fixture.js';

const tempDir = useTempDir();

const write = (f: Awaited<ReturnType<typeof ledgerFixture>>) =>
  writeReport({ store: f.store, media: f.media, preview: { poster: async () => '' }, runId: 'r1', metrics: [], dir: f.reportsDir });

/** The `<td>` texts of each row of the first table after `marker` (tags inside cells removed). */
function tableRows(html: string, marker: string): string[][] {
  const from = html.indexOf(marker);
  expect(from).toBeGreaterThan(-1);
  const body = html.slice(from).match(/<tbody>([\s\S]*?)<\/tbody>/)![1]!;
  return [...body.matchAll(/<tr[^>]*>([\s\S]*?)<\/tr>/g)].map((row) =>
    [...row[1]!.matchAll(/<t[dh][^>]*>([\s\S]*?)<\/t[dh]>(?=<t[dh]|$)/g)].map((c) =>
      c[1]!
        .replace(/<[^>]+>/g, ' ')
        .replace(/\s+/g, ' ')
        .trim(),
    ),
  );
}

describe('the ledger in the report', () => {
  it('counts paid requests, unknown outcomes, cancelled and failed ones and sums their prices per generator and in all', async () => {
    const f = await ledgerFixture(tempDir().dir);
    try {
      await f.addLedger();
      const report = await write(f);
      const { ledger } = JSON.parse(readFileSync(report.json, 'utf8'));
      // Billing rows: every phase but failed and cancelled. gpt: 0.04 × 3 priced (k0, k1 twice) and k3 without a price;
      // kling: five rows at 0.35 (stored, polling, unknown, result-ready, sending), its cancelled job left out.
      const gpt = { requests: 4, unknown: 1, open: 0, sending: 0, cancelled: 0, failed: 1, priceUsd: 0.12, priceUnknown: 1 };
      const kling = { requests: 5, unknown: 1, open: 2, sending: 1, cancelled: 1, failed: 0, priceUsd: 1.75, priceUnknown: 0 };
      expect(ledger.byGenerator).toEqual([
        { generatorId: 'gpt', ...gpt },
        { generatorId: 'kling', ...kling },
      ]);
      const { byGenerator: _, entries, ...total } = ledger;
      expect(total).toEqual({ requests: 9, unknown: 2, open: 2, sending: 1, cancelled: 1, failed: 1, priceUsd: 1.87, priceUnknown: 1 });
      expect(entries.map((e: { promptId: string; phase: string }) => `${e.promptId} ${e.phase}`)).toEqual(
        LEDGER.map((r) => `p${r.key.slice(1)} ${r.phase}`),
      );

      const html = readFileSync(report.html, 'utf8');
      expect(tableRows(html, '<h2 id="ledger">Paid requests</h2>')).toEqual([
        ['gpt openai-images', '4', '1', '0', '0', '1', '≥ $0.12', '≥ $0.08 n=3'],
        ['kling async-job', '5', '1', '3', '1', '0', '$1.75', '$0.35 n=1'],
        ['total', '9', '2', '3', '1', '1', '≥ $1.87', '≥ $0.43 n=4'],
      ]);
    } finally {
      await f.store.close();
    }
  });

  it('warns of unknown outcomes and lists the jobs still at the service, in English and Chinese', async () => {
    const f = await ledgerFixture(tempDir().dir);
    try {
      await f.addLedger();
      const report = await write(f);
      const times = report.data.ledger.entries.map((e) => e.createdAt);
      const html = readFileSync(report.html, 'utf8');
      expect(html).toMatch(
        /<p class="alert ledger-banner">⚠ 2 paid request\(s\) have an unknown outcome and may have been billed\. 3 request\(s\) are still open at the service\. <a href="#ledger">/,
      );
      const unknown = html.slice(html.indexOf('<section class="alert ledger-unknown">'));
      expect(unknown).toMatch(
        /^<section class="alert ledger-unknown"><h3>Unknown outcomes \(2\)<\/h3><p>[^<]*find these in the provider's console by their time; each may have been billed/i,
      );
      expect(tableRows(unknown, '<table>').map((r) => r.filter((_, i) => i !== 3))).toEqual([
        ['gpt', 'p1 zh counting@1 · #1 · k1', '1', '–', '$0.04', 'socket hang up, no answer'],
        ['kling', 'p7 zh people@2 · #1 · k7', '1', 'job-7', '$0.35', 'job job-7, not picked up again'],
      ]);
      // The time a request was sent, to the second, with the stored instant beside it.
      expect(unknown).toContain(`<time datetime="${times[1]}">`);
      expect(unknown).toMatch(/<time datetime="[^"]+">\d{1,2} \w{3} \d{4}, \d{2}:\d{2}:\d{2} UTC<\/time>/);
      const open = html.slice(html.indexOf('<section class="banner ledger-open">'));
      expect(open).toContain('<h3>Still at the service (3)</h3>');
      expect(open).toContain('`loupe generate` picks them up without paying again');
      expect(open).toContain('`loupe jobs cancel` stops them');
      expect(tableRows(open, '<table>').map((r) => [r[0], r[1]!.split(' ')[0], r[3], r[5]])).toEqual([
        ['kling', 'p5', 'polling', 'job-5'],
        ['kling', 'p8', 'result ready', 'job-8'],
        ['kling', 'p9', 'sending', '–'],
      ]);

      const zh = readFileSync(report.htmlZh, 'utf8');
      expect(zh).toContain('⚠ 2 个付费请求结果未知，可能已被计费。3 个请求在服务端尚未结束。');
      expect(zh).toContain('<h2 id="ledger">付费请求</h2>');
      const unknownZh = zh.slice(zh.indexOf('<section class="alert ledger-unknown">'));
      expect(unknownZh).toMatch(/^<section class="alert ledger-unknown"><h3>结果未知的请求（2 个）<\/h3>/);
      expect(unknownZh).toContain('请按时间在服务商的控制台中查找这些请求；每一个都可能已被计费。');
      expect(tableRows(unknownZh, '<table>').map((r) => [r[0], r[2], r[4]])).toEqual([
        ['gpt', '1', '–'],
        ['kling', '1', 'job-7'],
      ]);
      expect(unknownZh).toMatch(/<time datetime="[^"]+">\d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}:\d{2} UTC<\/time>/);
      const openZh = zh.slice(zh.indexOf('<section class="banner ledger-open">'));
      expect(openZh).toContain('<h3>仍在服务端（3 个）</h3>');
      expect(tableRows(openZh, '<table>').map((r) => r[3])).toEqual(['查询中', '结果就绪', '发送中']);
      for (const english of ['Paid requests', 'Unknown outcomes', 'Still at the service', 'provider', 'result ready', 'ledger price'])
        expect(zh).not.toContain(english);

      // A run marked as generating may be working on these jobs: the note says so.
      const generating = renderReportHtml({ ...report.data, run: { ...report.data.run, status: 'generating' } }, [], {}, 'en');
      expect(generating).toContain('The run is marked as generating, so these may be in progress.');
    } finally {
      await f.store.close();
    }
  });

  it('writes ledger.csv with one row per request and the prompt of its generation', async () => {
    const f = await ledgerFixture(tempDir().dir);
    try {
      await f.addLedger();
      const report = await write(f);
      const lines = readFileSync(report.ledgerCsv, 'utf8').trim().split('\n');
      const iso = /\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z/.source;
      const sent = lines.slice(1).map((l) => l.match(new RegExp(`,(${iso}),${iso},`))![1]);
      expect(sent).toEqual(report.data.ledger.entries.map((e) => e.createdAt));
      expect(lines.map((l) => l.replace(new RegExp(`,${iso},${iso},`), ',T,T,'))).toEqual([
        'id,generator,prompt_set,prompt_id,language,sample,generation_key,attempt,phase,job_id,price_usd,created_at,updated_at,message',
        '1,gpt,counting@1,p0,zh,0,k0,1,stored,,0.04,T,T,',
        '2,gpt,counting@1,p1,zh,1,k1,1,unknown,,0.04,T,T,"socket hang up, no answer"',
        '3,gpt,counting@1,p1,zh,1,k1,2,stored,,0.04,T,T,',
        '4,gpt,people@2,p2,zh,0,k2,1,failed,,0.04,T,T,400: content policy',
        '5,gpt,people@2,p3,zh,1,k3,1,stored,,,T,T,',
        '6,kling,counting@1,p4,zh,0,k4,1,stored,job-4,0.35,T,T,',
        '7,kling,counting@1,p5,zh,1,k5,1,polling,job-5,0.35,T,T,',
        '8,kling,counting@1,p6,zh,0,k6,1,cancelled,job-6,0.35,T,T,cancelled by the user',
        '9,kling,people@2,p7,zh,1,k7,1,unknown,job-7,0.35,T,T,"job job-7, not picked up again"',
        '10,kling,people@2,p8,zh,0,k8,1,result-ready,job-8,0.35,T,T,',
        '11,kling,people@2,p9,zh,1,k9,1,sending,,0.35,T,T,',
      ]);
    } finally {
      await f.store.close();
    }
  });

  it('writes report.json that its schema accepts, and refuses an unknown phase', async () => {
    const f = await ledgerFixture(tempDir().dir);
    try {
      await f.addLedger();
      const report = await write(f);
      const dir = join(f.reportsDir, 'r1');
      const json = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8'));
      const validate = z.fromJSONSchema(JSON.parse(readFileSync(join(dir, 'report.schema.json'), 'utf8')));
      expect(validate.safeParse(json).error).toBeUndefined();
      expect(json.ledger.entries).toHaveLength(report.data.ledger.entries.length);
      const wrong = structuredClone(json);
      wrong.ledger.entries[0].phase = 'lost';
      expect(validate.safeParse(wrong).success).toBe(false);
      const extra = structuredClone(json);
      extra.ledger.byGenerator[0].refunds = 0;
      expect(validate.safeParse(extra).success).toBe(false);
    } finally {
      await f.store.close();
    }
  });

  it('leaves a report without ledger rows as it was: zeros in the ledger table, no warning, the other sections unchanged', async () => {
    const f = await ledgerFixture(tempDir().dir);
    try {
      const before = await buildReportData(f.store, 'r1', []);
      const written = await write(f);
      expect(readFileSync(written.ledgerCsv, 'utf8')).toBe(
        'id,generator,prompt_set,prompt_id,language,sample,generation_key,attempt,phase,job_id,price_usd,created_at,updated_at,message\n',
      );
      const zero = { requests: 0, unknown: 0, open: 0, sending: 0, cancelled: 0, failed: 0, priceUsd: 0, priceUnknown: 0 };
      expect(before.ledger).toEqual({
        ...zero,
        byGenerator: [
          { generatorId: 'gpt', ...zero },
          { generatorId: 'kling', ...zero },
        ],
        entries: [],
      });
      await f.addLedger();
      const after = await buildReportData(f.store, 'r1', []);
      after.generatedAt = before.generatedAt;
      const { ledger: _a, ...restBefore } = before;
      const { ledger: _b, ...restAfter } = after;
      expect(restAfter).toEqual(restBefore);

      for (const language of ['en', 'zh'] as const) {
        const without = renderReportHtml(before, [], {}, language);
        expect(without).not.toMatch(/ledger-banner|ledger-unknown|ledger-open|class="alert/);
        const title = language === 'en' ? 'Paid requests' : '付费请求';
        const zeros = tableRows(without, `<h2 id="ledger">${title}</h2>`);
        expect(zeros.map((r) => r.slice(1, 7))).toEqual([
          ['0', '0', '0', '0', '0', '–'],
          ['0', '0', '0', '0', '0', '–'],
          ['0', '0', '0', '0', '0', '–'],
        ]);
        // Outside the banner and the ledger's own section, the ledger changes nothing.
        const outside = (html: string) =>
          html.replace(/<p class="alert ledger-banner">.*<\/p>/, '').replace(/<h2 id="ledger">[\s\S]*?(?=<h2>)/, '');
        const withLedger = renderReportHtml(after, [], {}, language);
        expect(withLedger).toContain('ledger-banner');
        expect(outside(withLedger)).toBe(outside(without));
      }
    } finally {
      await f.store.close();
    }
  });
});
