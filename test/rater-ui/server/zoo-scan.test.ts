import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRaterServer, type RunningServer } from '../../../rater-ui/server/serve.js';
import type { SessionView } from '../../../rater-ui/shared/api-schemas.js';
import type { CreatedStudy } from '../../../core/study/create-study.js';
import { ENCODER_STRINGS, hiddenStrings, makeZoo, SECRET } from '../../core/study/blind-media/metadata-zoo.js';
import { clientFields, makeFixture, planned, type Fixture } from '../study-fixture.js';

let f: Fixture;
let server: RunningServer;
/** The server's clock: each rating comes a minute after the last, so every clip has played. */
let clock = Date.parse('2026-12-05T10:00:00.000Z');
/** Every generation key and original media hash of the zoo run: none may reach a rater either. */
const zooSecrets: string[] = [];
const GENERATORS = ['zoo-a', 'zoo-b', 'zoo-c'].map((g) => `${g}-${SECRET}`);
/** Zoo file -> [generator, prompt, language]: three generators per prompt, so that pairwise studies pair them. */
const LAYOUT: Record<string, [number, string, 'zh' | 'en']> = {
  'png-text-chunks': [0, 'p1', 'zh'],
  'jpeg-segments': [1, 'p1', 'zh'],
  'webp-exif-xmp': [2, 'p1', 'zh'],
  'gif-comment': [0, 'p2', 'en'],
  'png-icc-description': [1, 'p2', 'en'],
  'h264-sei-mp4': [0, 'p4', 'zh'],
  'hevc-x265-mp4': [1, 'p4', 'zh'],
  'vp9-vorbis-webm': [2, 'p4', 'zh'],
};

beforeAll(async () => {
  f = await makeFixture();
  await f.store.openRun('run-zoo', {});
  for (const z of await makeZoo(f.dir)) {
    const [g, promptId, language] = LAYOUT[z.name]!;
    const video = z.mime.startsWith('video/');
    const p = planned(GENERATORS[g]!, promptId, { modality: video ? 'video' : 'image', language });
    if (language === 'en') p.text = 'Two white geese';
    await f.store.planGenerations('run-zoo', [p]);
    const stored = await f.media.put(z.bytes, z.mime);
    await f.store.finishGeneration(p.key, { status: 'done', mediaHash: stored.hash, mime: z.mime, width: 24, height: 16, latencyMs: 1 });
    zooSecrets.push(p.key, stored.hash);
  }
  server = await startRaterServer({ store: f.store, media: f.media, host: '127.0.0.1', port: 0, log: () => undefined, now: () => clock });
});
afterAll(async () => {
  await server?.close();
  await f?.cleanup();
});

/** What a rater's browser receives: the page, its script, every session and reply, every medium of every item. */
async function walk(study: CreatedStudy, mode: 'likert' | 'pairwise', language: string): Promise<Buffer[]> {
  const got: Buffer[] = [];
  const get = async (path: string, init: RequestInit = {}) => {
    const res = await fetch(`${server.url}${path}`, { ...init, headers: { 'accept-language': language, ...init.headers } });
    expect(res.status, path).toBeLessThan(300);
    const headers: string[] = [];
    res.headers.forEach((value, name) => headers.push(`${name}: ${value}`));
    got.push(Buffer.from(headers.join('\n')), Buffer.from(await res.arrayBuffer()));
    return got.at(-1)!;
  };
  for (const rater of study.raters) {
    const page = (await get(`/r/${rater.token}`)).toString('utf8');
    for (const [, src] of page.matchAll(/(?:src|href)="(\/[^"]+)"/g)) await get(src!);
    let view = JSON.parse((await get(`/api/r/${rater.token}/session`)).toString('utf8')) as SessionView;
    while (view.item) {
      for (const m of view.item.media) await get(m.url);
      clock += 60_000;
      const answer =
        mode === 'likert'
          ? { kind: 'likert', scores: { 'text-image-consistency': 3, realism: 3, 'visual-quality': 3, 'aesthetic-quality': 3 } }
          : { kind: 'pairwise', votes: { 'text-image-consistency': 'A', realism: 'B', 'visual-quality': 'tie', 'aesthetic-quality': 'A' } };
      const video = view.item.media.some((m) => m.type === 'video');
      const body = { ...answer, assignmentId: view.item.assignmentId, ...clientFields(30_000, clock), watchedToEnd: video ? true : null };
      const reply = await get(`/api/r/${rater.token}/ratings`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      view = (JSON.parse(reply.toString('utf8')) as { session: SessionView }).session;
    }
  }
  return got;
}

describe('everything a rater receives from a study of the metadata zoo', () => {
  for (const mode of ['likert', 'pairwise'] as const) {
    for (const language of ['zh-CN', 'en-US']) {
      it(`names no secret, encoder, generator, key or hash (${mode}, ${language})`, async () => {
        const study = await f.study({
          id: `zoo-${mode}-${language}`,
          runId: 'run-zoo',
          mode,
          raters: 2,
          ratingsPerItem: 2,
          goldRate: 0.2,
          repeatRate: 0.2,
        });
        const got = await walk(study, mode, language);
        const all = Buffer.concat(got);
        expect(got.length).toBeGreaterThan(20);
        expect(hiddenStrings(all, [SECRET, ...ENCODER_STRINGS, ...zooSecrets])).toEqual([]);
        expect(all.toString('latin1')).not.toMatch(/[0-9a-f]{64}/);
        // Every item was rated: the walk saw every medium each rater was given.
        const rated = new Set((await f.store.listRatings({ studyId: study.study.id })).map((r) => r.assignmentId));
        expect(rated.size).toBe((await f.store.listAssignments({ studyId: study.study.id })).length);
      });
    }
  }
});
