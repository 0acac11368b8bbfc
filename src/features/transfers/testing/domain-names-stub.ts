import { vi } from 'vitest';
import type { DomainCheck } from '../../../contract/domain-check.ts';
import { checkDomainSyntax } from '../../../contract/domain-syntax.ts';

/*
 * For unit tests only: a tiny stand-in for the console server's `POST /api/domain-names`,
 * knowing a handful of suffixes, so SPA tests do not need the server or its suffix list.
 * The real rules are tested on the server.
 */
const SUFFIXES = ['com', 'net', 'org', 'de', 'co.uk', 'nl'];
/** The IDNs the tests use, in Unicode (the server decodes any). */
const UNICODE: Record<string, string> = {
  'xn--mnchen-3ya.de': 'münchen.de',
  'xn--bcher-kva.com': 'bücher.com',
};

export function stubCheck(input: string): DomainCheck {
  const trimmed = input.trim();
  const host = trimmed
    .replace(/^[a-z]+:\/\//i, '')
    .split(/[/?#]/)[0]!
    .replace(/:\d+$/, '');
  const syntax = checkDomainSyntax(host);
  if (!syntax.ok) return { ok: false, input: trimmed, reason: syntax.reason };
  const suffix = SUFFIXES.find((s) => syntax.ascii === s || syntax.ascii.endsWith(`.${s}`));
  if (!suffix) {
    return {
      ok: false,
      input: trimmed,
      reason: `"${trimmed}" does not end in a known top-level domain.`,
    };
  }
  if (syntax.ascii === suffix) {
    return {
      ok: false,
      input: trimmed,
      reason: `"${trimmed}" is only a public suffix; add the name in front of it.`,
    };
  }
  const labels = syntax.ascii.slice(0, -suffix.length - 1).split('.');
  const ascii = `${labels.at(-1)}.${suffix}`;
  return {
    ok: true,
    input: trimmed,
    ascii,
    unicode: UNICODE[ascii] ?? ascii,
    corrected: host !== trimmed || ascii !== syntax.ascii,
  };
}

/**
 * Wraps the `fetch` stub a test already has: `POST /api/domain-names` answers from stubCheck
 * (or `answer`, e.g. a network failure); every other request goes to `next`.
 */
export function withDomainNamesStub(
  next: typeof fetch,
  answer?: (names: string[]) => Response | Promise<Response>,
) {
  const calls: string[][] = [];
  const fetchStub = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    if (url.endsWith('/api/domain-names') && init?.method === 'POST') {
      const { names } = JSON.parse(String(init.body)) as { names: string[] };
      calls.push(names);
      if (answer) return answer(names);
      return Response.json({ results: names.map(stubCheck) });
    }
    return next(input, init);
  });
  return { fetchStub, calls };
}
