// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { MAX_RETURN_TO_LENGTH } from './return-to.ts';
import {
  createCookieSealer,
  MAX_COOKIE_BYTES,
  TRANSACTION_MAX_AGE_S,
  transactionSetCookie,
} from './sealed-cookie.ts';

const SECRET = 'a-session-secret-of-at-least-32-characters';
const ISSUER = 'https://id.example.com';

function sealer(options: { secret?: string; issuer?: string; clock?: { t: number } } = {}) {
  const clock = options.clock ?? { t: 1_800_000_000 };
  return createCookieSealer({
    secret: options.secret ?? SECRET,
    issuer: options.issuer ?? ISSUER,
    sessionMaxAgeS: 3600,
    now: () => clock.t,
  });
}

describe('sealed cookies', () => {
  it('made by one console are accepted by another with the same SESSION_SECRET (two instances)', async () => {
    // Nothing of a session lives in a console's memory: the other instance opens the cookie.
    const made = await sealer().sealSession({ email: 'alice@example.com' });
    const sameSecret = sealer();
    expect((await sameSecret.openSession(made))?.email).toBe('alice@example.com');
    const signIn = await sealer().sealTransaction({
      state: 's',
      nonce: 'n',
      verifier: 'v',
      returnTo: '/transfers',
    });
    expect((await sameSecret.openTransaction(signIn))?.returnTo).toBe('/transfers');
    const otherSecret = sealer({ secret: 'another-session-secret-of-32-characters!!' });
    expect(await otherSecret.openSession(made)).toBeUndefined();
  });

  it('round-trips a session and hides its content', async () => {
    const s = sealer();
    const value = await s.sealSession({ email: 'alice@example.com', name: 'Alice' });
    expect(value).not.toContain('alice');
    expect(Buffer.from(value.split('.')[0] ?? '', 'base64url').toString()).toBe(
      '{"alg":"dir","enc":"A256GCM"}',
    );
    expect(await s.openSession(value)).toEqual({
      email: 'alice@example.com',
      name: 'Alice',
      iss: ISSUER,
      exp: 1_800_003_600,
    });
  });

  it('refuses a session past its exp, whatever the cookie’s Max-Age did', async () => {
    const clock = { t: 1_800_000_000 };
    const s = sealer({ clock });
    const value = await s.sealSession({ email: 'alice@example.com' });
    clock.t += 3599;
    expect(await s.openSession(value)).toBeDefined();
    clock.t += 1;
    expect(await s.openSession(value)).toBeUndefined();
  });

  it('refuses a changed byte in any part of the cookie', async () => {
    const s = sealer();
    const value = await s.sealSession({ email: 'alice@example.com' });
    const parts = value.split('.');
    for (let i = 0; i < parts.length; i++) {
      const part = parts[i] ?? '';
      if (part === '') continue; // `dir` has an empty encrypted key
      const flipped = (part[1] === 'A' ? 'B' : 'A') + part.slice(2);
      const changed = [...parts];
      changed[i] = part[0] + flipped;
      expect(await s.openSession(changed.join('.'))).toBeUndefined();
    }
  });

  it('refuses a cookie sealed with another secret, for another issuer, or of the other kind', async () => {
    const s = sealer();
    const foreign = await sealer({
      secret: 'another-secret-of-at-least-32-characters',
    }).sealSession({ email: 'alice@example.com' });
    const otherIssuer = await sealer({ issuer: 'https://other.example' }).sealSession({
      email: 'alice@example.com',
    });
    const transaction = await s.sealTransaction({
      state: 's',
      nonce: 'n',
      verifier: 'v',
      returnTo: '/',
    });
    expect(await s.openSession(foreign)).toBeUndefined();
    expect(await s.openSession(otherIssuer)).toBeUndefined();
    expect(await s.openSession(transaction)).toBeUndefined();
    expect(await s.openTransaction(await s.sealSession({ email: 'a@b.c' }))).toBeUndefined();
    for (const junk of [undefined, '', 'x', 'a.b.c.d.e', 'x'.repeat(5000)]) {
      expect(await s.openSession(junk)).toBeUndefined();
    }
  });

  it('lets a sign-in transaction live ten minutes', async () => {
    const clock = { t: 1_800_000_000 };
    const s = sealer({ clock });
    const tx = { state: 'st', nonce: 'no', verifier: 've', returnTo: '/processes/1' };
    const value = await s.sealTransaction(tx);
    expect(await s.openTransaction(value)).toEqual(tx);
    clock.t += TRANSACTION_MAX_AGE_S;
    expect(await s.openTransaction(value)).toBeUndefined();
  });
});

describe('the sign-in transaction cookie', () => {
  // As openid-client makes them: 43 characters of base64url each.
  const checks = { state: 's'.repeat(43), nonce: 'n'.repeat(43), verifier: 'v'.repeat(43) };
  const name = `console_signin_${checks.state}`;
  const options = {
    httpOnly: true,
    secure: true,
    sameSite: 'Lax',
    path: '/auth/callback',
    maxAge: TRANSACTION_MAX_AGE_S,
  } as const;
  const path = (length: number) =>
    `/transfers/acct12345?domains=${'x.com,'.repeat(length)}`.slice(0, length);

  async function made(returnTo: string) {
    const s = sealer();
    const line = await transactionSetCookie(s, name, { ...checks, returnTo }, options);
    const value = line.slice(name.length + 1, line.indexOf(';'));
    return { line, transaction: await s.openTransaction(value) };
  }

  it.each([1, 100, MAX_RETURN_TO_LENGTH])(
    'keeps a return path of %i characters (the longest one sign-in accepts included)',
    async (length) => {
      const returnTo = path(length);
      const { line, transaction } = await made(returnTo);
      expect(line.length).toBeLessThanOrEqual(MAX_COOKIE_BYTES);
      expect(line).toMatch(/; Max-Age=600; Path=\/auth\/callback; HttpOnly; Secure; SameSite=Lax$/);
      expect(transaction).toEqual({ ...checks, returnTo });
    },
  );

  it.each([3_000, 16_000])(
    'goes back to / instead of a return path of %i characters, which would not fit a cookie',
    async (length) => {
      const { line, transaction } = await made(path(length));
      expect(line.length).toBeLessThanOrEqual(MAX_COOKIE_BYTES);
      expect(transaction).toEqual({ ...checks, returnTo: '/' });
    },
  );
});
