import { createHash } from 'node:crypto';
import { EventEmitter, once } from 'node:events';
import type { ServerResponse } from 'node:http';
import sharp from 'sharp';
import { sendJson, startFakeServer, type FakeServer } from '../../models/fake-server.js';

/**
 * Paid image APIs for the queue tests, speaking OpenAI's or AUTOMATIC1111's protocol. Every
 * prompt gets its own image, so media hashes tell generations apart; the first attempt of
 * some prompts fails (`fault`); answers take `latencyMs`. A `Gate` shared by several APIs
 * parks every billable request while it is closed, so that a test can kill a worker at a
 * moment when none of its answers is on the way: a parked request is paid only once answered.
 */
export interface PaidApiOptions {
  kind: 'openai' | 'a1111';
  latencyMs: number;
  /** The answer to the first attempt of the n-th new prompt, or none to answer normally. */
  fault?: (n: number) => { status: number; headers?: Record<string, string> } | undefined;
  gate?: Gate;
  /** The n-th billable request (from 1) closes the gate. */
  closeGateAt?: number;
}

export interface PaidApi {
  server: FakeServer;
  url: string;
  /** Answered (billed) requests per prompt text. */
  successes: Map<string, number>;
  /** Most billable requests open at once. */
  readonly maxActive: number;
  close(): Promise<void>;
}

/** Holds billable requests while closed; `parked` names them by API url and prompt text. */
export class Gate extends EventEmitter {
  closed = false;
  readonly parked = new Set<string>();

  constructor() {
    super();
    this.setMaxListeners(0);
  }

  close(): void {
    this.closed = true;
    this.emit('closed');
  }

  open(): void {
    this.closed = false;
    this.emit('open');
  }

  async pass(id: string): Promise<void> {
    if (!this.closed) return;
    this.parked.add(id);
    await once(this, 'open');
    this.parked.delete(id);
  }
}

export async function startPaidApi(options: PaidApiOptions): Promise<PaidApi> {
  const server = await startFakeServer();
  const successes = new Map<string, number>();
  const seen = new Set<string>();
  const state = { active: 0, maxActive: 0, billable: 0 };

  const handle = async (text: string, res: ServerResponse, answer: (png: Buffer) => void) => {
    if (!seen.has(text)) {
      seen.add(text);
      const fault = options.fault?.(seen.size - 1);
      if (fault) return sendJson(res, fault.status, { error: { message: `injected ${fault.status}` } }, fault.headers);
    }
    state.active++;
    state.maxActive = Math.max(state.maxActive, state.active);
    let gone = false;
    res.on('close', () => {
      state.active--;
      gone = true;
    });
    if (++state.billable === options.closeGateAt) options.gate!.close();
    await options.gate?.pass(`${server.url} ${text}`);
    const png = await imageFor(`${server.url} ${text}`);
    await new Promise((r) => setTimeout(r, options.latencyMs));
    // A client that died while waiting gets no image and pays nothing; its generation is asked again.
    if (gone) return;
    successes.set(text, (successes.get(text) ?? 0) + 1);
    answer(png);
  };

  if (options.kind === 'openai') {
    server.on('POST', '/v1/images/generations', (r, res) =>
      handle((r.body as { prompt: string }).prompt, res, (png) => sendJson(res, 200, { data: [{ b64_json: png.toString('base64') }] })),
    );
  } else {
    server.on('POST', '/sdapi/v1/txt2img', (r, res) =>
      handle((r.body as { prompt: string }).prompt, res, (png) => sendJson(res, 200, { images: [png.toString('base64')] })),
    );
  }
  return {
    server,
    url: server.url,
    successes,
    get maxActive() {
      return state.maxActive;
    },
    close: () => server.close(),
  };
}

/** A 16x16 PNG whose pixels come from the seed text's sha256: the same text, the same bytes. */
async function imageFor(seedText: string): Promise<Buffer> {
  const pixels = Buffer.alloc(16 * 16 * 3);
  for (let i = 0, block = Buffer.from(seedText); i < pixels.length; i += 32) {
    block = createHash('sha256').update(block).digest();
    block.copy(pixels, i);
  }
  return sharp(pixels, { raw: { width: 16, height: 16, channels: 3 } })
    .png()
    .toBuffer();
}
