import { createHmac } from 'node:crypto';
import { readApiKey, type ApiKey } from '../adapter-common.js';

/**
 * JSON Web Tokens signed with HMAC-SHA256 (RFC 7519, RFC 7515), for services whose bearer token is
 * made by the client from an access key and a secret key (Kling). node:crypto only.
 */

const HEADER = Buffer.from(JSON.stringify({ alg: 'HS256', typ: 'JWT' })).toString('base64url');

/** A compact JWS with the header {alg: HS256, typ: JWT} and these claims, signed with `secret`. */
export function signJwtHs256(claims: Record<string, unknown>, secret: string): string {
  const payload = Buffer.from(JSON.stringify(claims)).toString('base64url');
  const signature = createHmac('sha256', secret).update(`${HEADER}.${payload}`).digest('base64url');
  return `${HEADER}.${payload}.${signature}`;
}

export interface JwtAuth {
  /** The environment variable that holds the access key, sent as the `iss` claim. */
  accessKeyEnv: string;
  /** The environment variable that holds the secret key the token is signed with. */
  secretKeyEnv: string;
  /** Lifetime of each token; Kling's reference example uses 1800 s. */
  ttlSeconds?: number;
}

/** Kling's reference starts a token's validity 5 s in the past, so that a server clock a little behind still accepts it. */
const NOT_BEFORE_SKEW_S = 5;

/**
 * Reads both keys at request time and returns a maker of fresh tokens ({iss, exp: now + ttl, nbf:
 * now - 5 s}): a job polled for longer than one token's life gets a new one for each request.
 * `key` is the secret key, so that error messages can be cleaned of it.
 */
export function readJwtAuth(auth: JwtAuth, who: string, now: () => number = Date.now): ApiKey & { token?: () => string } {
  const access = readApiKey(auth.accessKeyEnv, who, true);
  if (!access.ok) return access;
  const secret = readApiKey(auth.secretKeyEnv, who, true);
  if (!secret.ok) return secret;
  const ttl = auth.ttlSeconds ?? 1800;
  const token = (): string => {
    const seconds = Math.floor(now() / 1000);
    return signJwtHs256({ iss: access.key, exp: seconds + ttl, nbf: seconds - NOT_BEFORE_SKEW_S }, secret.key!);
  };
  return { ok: true, key: secret.key, token };
}
