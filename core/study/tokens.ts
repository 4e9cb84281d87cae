import { createHash, randomBytes } from 'node:crypto';

/** 256 random bits, URL-safe: a rater's or admin's private link. */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Tokens are stored hashed: a copy of the database does not hand out working links. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** An opaque media id: random, so it says nothing about the generator or the content. */
export function newMediaId(): string {
  return randomBytes(12).toString('base64url');
}

export const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;
