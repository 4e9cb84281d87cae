import { randomBytes } from 'node:crypto';
import type { SessionView } from '../../../../rater-ui/shared/api-schemas.js';
import { DIMENSIONS } from '../../../../core/types/dimensions.js';

/** A submission the server acknowledged with a 200. */
export interface Acknowledged {
  raterId: string;
  assignmentId: string;
  submissionId: string;
  values: number[];
}

export interface RaterOutcome {
  acknowledged: Acknowledged[];
  /** The last session: the rater's progress as the server sees it. */
  last: SessionView;
  /** Replies per server URL, to show that both servers took part. */
  served: Map<string, number>;
  /** Anything but a 200, with the request that got it. */
  refused: string[];
}

/**
 * One rater working through a study on several servers at once, picked at random per request:
 * joins (session), loads the media, submits, sometimes sends the same submission to two servers
 * at the same moment (a client retrying a reply it did not get), and sometimes resends it later.
 */
export async function simulateRater(
  servers: readonly string[],
  raterId: string,
  token: string,
  random: () => number,
): Promise<RaterOutcome> {
  const pick = () => servers[Math.floor(random() * servers.length)]!;
  const out: Omit<RaterOutcome, 'last'> = { acknowledged: [], served: new Map(), refused: [] };
  const call = async (server: string, path: string, init?: RequestInit) => {
    const res = await fetch(`${server}${path}`, init);
    out.served.set(server, (out.served.get(server) ?? 0) + 1);
    if (res.status !== 200) out.refused.push(`${init?.method ?? 'GET'} ${path}: ${res.status} ${await res.text()}`);
    return res;
  };
  const post = (server: string, body: unknown) =>
    call(server, `/api/r/${token}/ratings`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });

  for (;;) {
    const last = (await (await call(pick(), `/api/r/${token}/session`)).json()) as SessionView;
    const item = last.item;
    if (!item) return { ...out, last };
    await (await call(pick(), item.media[0]!.url)).arrayBuffer();
    const values = DIMENSIONS.map(() => 1 + Math.floor(random() * 5));
    const now = Date.now();
    const body = {
      kind: 'likert',
      assignmentId: item.assignmentId,
      submissionId: randomBytes(12).toString('hex'),
      shownAt: new Date(now - 2000).toISOString(),
      answeredAt: new Date(now).toISOString(),
      timeMs: 2000,
      watchedToEnd: null,
      scores: Object.fromEntries(DIMENSIONS.map((d, i) => [d, values[i]])),
    };
    const targets = random() < 0.4 ? servers : [pick()];
    const replies = await Promise.all(targets.map((s) => post(s, body)));
    if (replies.every((r) => r.status === 200))
      out.acknowledged.push({ raterId, assignmentId: item.assignmentId, submissionId: body.submissionId, values });
    if (random() < 0.2) await post(pick(), body);
  }
}
