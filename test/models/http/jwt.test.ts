import { describe, expect, it } from 'vitest';
import { readJwtAuth, signJwtHs256 } from '../../../models/http/jwt.js';
import { withEnv } from '../adapter-fixtures.js';

describe('HS256 JSON Web Tokens', () => {
  it('match the HS256 example token published at jwt.io', () => {
    // https://jwt.io's default example: secret "your-256-bit-secret".
    expect(signJwtHs256({ sub: '1234567890', name: 'John Doe', iat: 1516239022 }, 'your-256-bit-secret')).toBe(
      'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c',
    );
  });

  it('Kling-style tokens: iss is the access key, exp now + ttl, nbf now - 5 s, a new token per call; missing keys are named', () => {
    const undo = withEnv({ T_AK: 'ak-1', T_SK: 'sk-secret' });
    try {
      let now = 1_700_000_000_000;
      const auth = readJwtAuth({ accessKeyEnv: 'T_AK', secretKeyEnv: 'T_SK' }, 'job', () => now);
      if (!auth.ok) throw new Error(auth.error.message);
      expect(auth.key).toBe('sk-secret');
      const claims = (t: string) => JSON.parse(Buffer.from(t.split('.')[1]!, 'base64url').toString('utf8')) as unknown;
      expect(claims(auth.token!())).toEqual({ iss: 'ak-1', exp: 1_700_001_800, nbf: 1_699_999_995 });
      now += 60_000;
      expect(claims(auth.token!())).toMatchObject({ exp: 1_700_001_860 });
      const missing = readJwtAuth({ accessKeyEnv: 'T_AK', secretKeyEnv: 'T_NONE' }, 'job');
      expect(missing.ok || missing.error).toMatchObject({ category: 'auth', message: expect.stringContaining('T_NONE') });
    } finally {
      undo();
    }
  });
});
