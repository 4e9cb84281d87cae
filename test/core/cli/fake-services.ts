import { EventEmitter } from 'node:events';
import type { ServerResponse } from 'node:http';
import { sendBytes, sendJson, startFakeServer, tinyPng, type FakeServer, type Recorded } from '../../models/fake-server.js';

/**
 * A fake paid service for the end-to-end tests: it counts successful (billable) requests per
 * prompt, injects a fault on the first attempt of some prompts, and, once `gateAfter` successes
 * are in, holds every new billable request unanswered until the gate opens.
 */
export interface FakeService {
  server: FakeServer;
  url: string;
  successes: Map<string, number>;
  /** Billable requests in flight (for a job API: jobs from create to download). */
  maxActive: number;
  held: number;
  gateAfter: number;
  events: EventEmitter;
  openGate(): void;
  /** Resolves once `n` billable requests are held at the gate. */
  heldReached(n: number): Promise<void>;
  close(): Promise<void>;
}

type Kind = 'openai' | 'a1111' | 'replicate';

export async function startFakeService(kind: Kind, gateAfter: number): Promise<FakeService> {
  const server = await startFakeServer();
  const events = new EventEmitter();
  const successes = new Map<string, number>();
  const firstSeen = new Set<string>();
  const state = { active: 0, maxActive: 0, held: 0, gateOpen: false, total: 0, order: 0 };
  const png = await tinyPng();
  const service: FakeService = {
    server,
    url: server.url,
    successes,
    events,
    gateAfter,
    get maxActive() {
      return state.maxActive;
    },
    get held() {
      return state.held;
    },
    openGate: () => void (state.gateOpen = true),
    heldReached: (n) =>
      new Promise((resolve) => {
        const check = () => state.held >= n && (events.off('held', check), resolve());
        events.on('held', check);
        check();
      }),
    close: () => server.close(),
  } as FakeService;

  const enter = (res: ServerResponse) => {
    state.active++;
    state.maxActive = Math.max(state.maxActive, state.active);
    if (kind !== 'replicate') res.on('close', () => state.active--);
  };
  /** True when the request was held (and will never be answered). */
  const gate = (res: ServerResponse): boolean => {
    if (state.gateOpen || state.total < gateAfter) return false;
    state.held++;
    res.on('close', () => state.held--);
    events.emit('held');
    return true;
  };
  /** The fault for the first attempt of every few prompts, chosen by arrival order. */
  const fault = (key: string): number | undefined => {
    if (firstSeen.has(key)) return undefined;
    firstSeen.add(key);
    const n = state.order++;
    if (kind === 'openai') return n % 3 === 1 ? 429 : n % 4 === 2 ? 503 : undefined;
    if (kind === 'a1111') return n % 2 === 1 ? 500 : undefined;
    return n % 3 === 0 ? 429 : undefined;
  };
  const billable = (key: string, res: ServerResponse, answer: () => void) => {
    if (gate(res)) return;
    const code = fault(key);
    if (code !== undefined) {
      const headers: Record<string, string> = code === 429 && kind === 'openai' ? { 'retry-after': '0' } : {};
      return sendJson(res, code, { error: { message: `injected ${code}` } }, headers);
    }
    enter(res);
    successes.set(key, (successes.get(key) ?? 0) + 1);
    state.total++;
    answer();
  };

  if (kind === 'openai') {
    server.on('POST', '/v1/images/generations', (r: Recorded, res) =>
      billable((r.body as { prompt: string }).prompt, res, () => sendJson(res, 200, { data: [{ b64_json: png.toString('base64') }] })),
    );
  } else if (kind === 'a1111') {
    server.on('POST', '/sdapi/v1/txt2img', (r, res) => {
      const b = r.body as { prompt: string; seed: number };
      billable(`${b.prompt}|${b.seed}`, res, () => sendJson(res, 200, { images: [png.toString('base64')] }));
    });
  } else {
    const jobs = new Map<string, { polls: number }>();
    server.on('POST', '/v1/models/acme/flux/predictions', (r, res) => {
      const input = (r.body as { input: { prompt: string; seed: number } }).input;
      billable(`${input.prompt}|${input.seed}`, res, () => {
        const id = `p${jobs.size}`;
        jobs.set(id, { polls: 0 });
        sendJson(res, 201, { id, status: 'starting' });
      });
    });
    server.on('GET', /^\/v1\/predictions\/p\d+$/, (r, res) => {
      const job = jobs.get(r.path.split('/').pop()!)!;
      const n = job.polls++;
      // The first status request of each job fails: the adapter keeps polling instead of paying again.
      if (n === 0) return sendJson(res, 503, { detail: 'injected 503' });
      sendJson(
        res,
        200,
        n < 2 ? { status: 'processing' } : { status: 'succeeded', output: [`${server.url}/delivery/${r.path.split('/').pop()}.png`] },
      );
    });
    server.on('GET', /^\/delivery\//, (_r, res) => {
      res.on('close', () => state.active--);
      sendBytes(res, png, 'image/png');
    });
  }
  return service;
}

/** Prompts answered successfully more than once: money paid twice. */
export const duplicates = (s: FakeService): string[] => [...s.successes].filter(([, n]) => n > 1).map(([k]) => k);
