import { parse } from 'tldts';

export type DomainCheck =
  { ok: true; ascii: string; corrected: boolean } | { ok: false; reason: string };

/**
 * Reduce user input to the registrable domain the transfer API expects (`example.com`), using
 * the public suffix list: lower-case, trailing dot dropped, IDNs in ASCII (A-label) form, URLs and
 * sub-domains cut back to the registrable part (`corrected` says so).
 */
export function checkDomainName(input: string): DomainCheck {
  const trimmed = input.trim();
  if (trimmed === '') return { ok: false, reason: 'Enter a domain name.' };

  const hostname = toAsciiHostname(trimmed);
  if (!hostname) return { ok: false, reason: `"${trimmed}" is not a valid domain name.` };
  if (hostname.length > 253) {
    return { ok: false, reason: 'A domain name has at most 253 characters.' };
  }
  if (hostname.split('.').some((label) => label.length > 63)) {
    return { ok: false, reason: 'Each part of a domain name has at most 63 characters.' };
  }

  const info = parse(hostname, { allowPrivateDomains: false });
  if (info.isIp) return { ok: false, reason: 'An IP address is not a domain name.' };
  if (!info.domain || !info.isIcann) {
    return {
      ok: false,
      reason: `"${trimmed}" has no registrable domain: its ending is not a known public suffix.`,
    };
  }
  return { ok: true, ascii: info.domain, corrected: info.domain !== hostname };
}

/** The browser's own URL parser does IDNA (Unicode → punycode) and rejects invalid characters. */
function toAsciiHostname(input: string): string | undefined {
  const withoutScheme = input.replace(/^[a-z][a-z0-9+.-]*:\/\//i, '');
  const host = withoutScheme
    .split(/[/?#]/, 1)[0]
    ?.replace(/^[^@]*@/, '')
    .replace(/:\d+$/, '');
  if (!host || /[\s_]/.test(host)) return undefined;
  try {
    const hostname = new URL(`http://${host}`).hostname.replace(/\.$/, '');
    if (!/^[a-z0-9.-]+$/.test(hostname) || hostname.includes('..')) return undefined;
    return hostname;
  } catch {
    return undefined;
  }
}
