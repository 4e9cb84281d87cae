import { z } from 'zod';

/** GET /history/<prompt id>: nothing while the prompt waits or runs, then its outputs and status. */
export const History = z.record(
  z.string(),
  z.object({
    outputs: z.record(z.string(), z.record(z.string(), z.unknown())).default({}),
    status: z
      .object({ status_str: z.string().optional(), completed: z.boolean().optional(), messages: z.array(z.unknown()).optional() })
      .optional(),
  }),
);

/**
 * Where GET /queue lists a prompt. ComfyUI lists each entry as an array `[number, prompt_id, prompt,
 * extra, outputs]` (server.py); some proxies answer objects with a `prompt_id`: both are read.
 */
export function queuedIn(queue: unknown, promptId: string): 'running' | 'pending' | null {
  const ids = (list: unknown): unknown[] =>
    Array.isArray(list) ? list.map((e) => (Array.isArray(e) ? e[1] : (e as { prompt_id?: unknown } | null)?.prompt_id)) : [];
  const q = (queue ?? {}) as { queue_running?: unknown; queue_pending?: unknown };
  if (ids(q.queue_running).includes(promptId)) return 'running';
  if (ids(q.queue_pending).includes(promptId)) return 'pending';
  return null;
}

/**
 * What an `execution_error` in a history's status messages says, in words: the node type, the
 * exception's type and message (the traceback left out), so a refusal is not cut off by JSON noise.
 */
export function executionError(messages: readonly unknown[] | undefined): string {
  const errors = (messages ?? []).flatMap((m) => {
    if (!Array.isArray(m) || m[0] !== 'execution_error') return [];
    const d = (m[1] ?? {}) as { node_type?: unknown; exception_type?: unknown; exception_message?: unknown };
    const where = typeof d.node_type === 'string' ? `${d.node_type}: ` : '';
    const type = typeof d.exception_type === 'string' ? `${d.exception_type}: ` : '';
    return [`${where}${type}${String(d.exception_message ?? '').trim()}`];
  });
  return errors.length > 0 ? errors.join('; ') : JSON.stringify(messages ?? []);
}
