import { hc } from 'hono/client';
import type { ApiType } from '../server/app.js';
import {
  type AdminOverview,
  type RatingSubmission,
  type SessionView,
  type RaterLinkReplaced,
  type SpotCheckRating,
  type StudyExtended,
  type CoordinatorOverview,
  type StudyCreated,
  type StudyCreateRequest,
} from '../shared/index.js';

const client = hc<ApiType>('/api');

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

async function unwrap<T>(res: Response): Promise<T> {
  const body = (await res.json().catch(() => ({}))) as { error?: string };
  if (!res.ok) throw new ApiError(res.status, body.error ?? `HTTP ${res.status}`);
  return body as T;
}

/** The rater's, admin's and coordinator's calls, typed by the server's routes (Hono's `hc`). */
export const api = {
  session: async (token: string) => unwrap<SessionView>(await client.r[':token'].session.$get({ param: { token } })),
  submit: async (token: string, json: RatingSubmission) =>
    unwrap<{ stored: number; replayed: boolean; session: SessionView }>(await client.r[':token'].ratings.$post({ param: { token }, json })),
  overview: async (token: string) => unwrap<AdminOverview>(await client.admin[':token'].overview.$get({ param: { token } })),
  spotCheck: async (token: string) =>
    unwrap<{ sample: SpotCheckRating[] }>(await client.admin[':token']['spot-check'].$get({ param: { token } })),
  setStatus: async (token: string, status: 'open' | 'closed') =>
    unwrap<{ status: string }>(await client.admin[':token'].status.$post({ param: { token }, json: { status } })),
  extend: async (token: string, json: { addRaters: number; ratingsPerItem?: number }) =>
    unwrap<StudyExtended>(await client.admin[':token'].extend.$post({ param: { token }, json })),
  replaceRaterLink: async (token: string, raterId: string) =>
    unwrap<RaterLinkReplaced>(await client.admin[':token'].raters[':raterId'].link.$post({ param: { token, raterId } })),
  runsAndStudies: async (token: string) =>
    unwrap<CoordinatorOverview>(await client.coordinator[':token'].overview.$get({ param: { token } })),
  createStudy: async (token: string, json: StudyCreateRequest) =>
    unwrap<StudyCreated>(await client.coordinator[':token'].studies.$post({ param: { token }, json })),
};
