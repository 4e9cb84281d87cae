import { describe, expect, it } from 'vitest';
import { downloadHeaders, jobState, missingMedia } from '../../../models/async-job/job-answers.js';
import type { JobProtocol } from '../../../models/async-job/protocol.js';

const base: JobProtocol = {
  modality: 'video',
  headers: {},
  create: { url: 'https://api.example/v1beta/models/m:predictLongRunning' },
  idPath: 'name',
  poll: { url: 'https://api.example/v1beta/{{id}}' },
  statusPath: 'status',
  doneValues: ['done'],
  failedValues: ['failed'],
  errorPaths: [],
  resultUrlPath: 'uri',
};
const google: JobProtocol = { ...base, statusPath: 'done', defaultStatus: 'false', doneValues: ['true'], failedPath: 'error' };

describe('reading job answers', () => {
  it('statuses: text, booleans, a default when absent, a failure path that wins', () => {
    expect(jobState({ status: 'done' }, base)).toEqual({ status: 'done', done: true, failed: false });
    expect(jobState({ status: 'failed' }, base)).toEqual({ status: 'failed', done: false, failed: true });
    expect(jobState({}, base)).toBeUndefined();
    expect(jobState({ name: 'op' }, google)).toEqual({ status: 'false', done: false, failed: false });
    expect(jobState({ done: true, response: {} }, google)).toMatchObject({ done: true, failed: false });
    expect(jobState({ done: true, error: { code: 13, message: 'internal' } }, google)).toMatchObject({ done: false, failed: true });
  });

  it('a missing media URL is a refusal only when the filter path says why', () => {
    const veo = { ...google, filteredPath: 'response.raiMediaFilteredReasons' };
    expect(missingMedia({ response: { raiMediaFilteredReasons: ['a child was shown'] } }, veo, 'job')).toMatchObject({
      category: 'refused',
      message: expect.stringContaining('a child was shown'),
    });
    expect(missingMedia({ response: { raiMediaFilteredReasons: [] } }, veo, 'job').category).toBe('invalid-output');
    expect(missingMedia({ response: {} }, base, 'job').category).toBe('invalid-output');
  });

  it('download headers go only to the origin of the create request', () => {
    const keyed = { ...google, downloadHeaders: { 'x-goog-api-key': '{{apiKey}}' } };
    const vars = { apiKey: 'k-1', prompt: 'p' };
    expect(downloadHeaders(keyed, 'https://api.example/v1beta/files/f:download?alt=media', vars)).toEqual({ 'x-goog-api-key': 'k-1' });
    expect(downloadHeaders(keyed, 'https://storage.example/f.mp4', vars)).toEqual({});
    expect(downloadHeaders(google, 'https://api.example/v1beta/files/f', vars)).toEqual({});
  });
});
