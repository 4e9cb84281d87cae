import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { httpJson } from '../../../core/types/index.js';
import { checkServiceCode, errorBodyReader, isRefusal, type ServiceErrors } from '../../../models/http/service-errors.js';
import { expectFailure } from '../adapter-fixtures.js';
import { sendJson, startFakeServer, type FakeServer } from '../fake-server.js';

let server: FakeServer;
beforeEach(async () => {
  server = await startFakeServer();
});
afterEach(() => server.close());

const kling: ServiceErrors = { codePath: 'code', codeCategories: { '1102': 'auth', '1301': 'refused', '1303': 'rate-limit' } };
const req = (errors: ServiceErrors) => ({ signal: new AbortController().signal, what: 'svc', categorise: errorBodyReader(errors) });

describe('service error codes', () => {
  it('a listed code in an error body decides the category over the HTTP status; other codes keep the status category', async () => {
    const cases: [number, unknown, string, boolean][] = [
      [400, { code: 1301, message: 'risk' }, 'refused', false],
      [429, { code: 1102, message: 'resource pack depleted' }, 'auth', false],
      [429, { code: 1303, message: 'parallel task over resource pack limit' }, 'rate-limit', true],
      [400, { code: 1201, message: 'bad' }, 'bad-request', false],
      [500, 'not json', 'server', true],
    ];
    for (const [status, body, category, retryable] of cases) {
      server.on('POST', '/x', (_r, res) => sendJson(res, status, body));
      expectFailure(await httpJson(`${server.url}/x`, { ...req(kling), json: {} }), category as never, retryable);
    }
    server.on('POST', '/x', (_r, res) => sendJson(res, 400, { error: { message: "The prompt couldn't be submitted." } }));
    expectFailure(await httpJson(`${server.url}/x`, { ...req({ refusedPattern: 'couldn.?t be submitted' }), json: {} }), 'refused', false);
    expectFailure(await httpJson(`${server.url}/x`, { ...req({}), json: {} }), 'bad-request', false);
  });

  it('a 2xx answer with a code other than okCode is an error; a refusal pattern is case-insensitive', () => {
    const ok = (value: unknown) => ({ ok: true as const, status: 200, headers: new Headers(), value });
    expect(checkServiceCode(ok({ code: 0, data: {} }), kling, 'message', 'svc').ok).toBe(true);
    expect(checkServiceCode(ok({ data: {} }), kling, 'message', 'svc').ok).toBe(true);
    const e = expectFailure(checkServiceCode(ok({ code: 1301, message: 'risk control' }), kling, 'message', 'svc'), 'refused', false);
    expect(e.message).toBe('svc: the service answered code 1301: risk control');
    expectFailure(checkServiceCode(ok({ code: 5000, message: 'busy' }), kling, 'message', 'svc'), 'server', true);
    expect(isRefusal('Advanced prompt moderation failed', {})).toBe(true);
    expect(isRefusal('SAFETY.INPUT.TEXT', { refusedPattern: '^safety\\.' })).toBe(true);
    expect(isRefusal('internal error', { refusedPattern: '^safety\\.' })).toBe(false);
  });
});
