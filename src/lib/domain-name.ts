import { parse } from 'tldts';
import { safeToUnicode, splitDomainList } from '../contract/domain-syntax.ts';

export interface CheckedDomain {
  ok: true;
  /** Registrable domain in ASCII (A-label) form: what the API is asked about. */
  ascii: string;
  /** The same domain for people: IDNs in Unicode. */
  unicode: string;
  /** True when the input was cut back or cleaned up to get here (URL, www., sub-domain). */
  corrected: boolean;
  /** The input as typed, for "showing example.com for www.example.com". */
  input: string;
}

export type DomainCheck = CheckedDomain | { ok: false; input: string; reason: string };

/**
 * Reduce user input to the registrable domain the transfer API expects (`example.com`), using
 * the public suffix list (ICANN section only: private suffixes such as blogspot.com are not
 * registries): lower-case, trailing dot dropped, IDNs in ASCII form, URLs and sub-domains cut
 * back to the registrable part.
 */
export function checkDomainName(input: string): DomainCheck {
  const trimmed = input.trim();
  const refuse = (reason: string): DomainCheck => ({ ok: false, input: trimmed, reason });
  if (trimmed === '') return refuse('Enter a domain name.');

  const { hostname, hadUrlParts } = toAsciiHostname(trimmed);
  if (!hostname) return refuse(`"${trimmed}" is not a valid domain name.`);
  if (hostname.length > 253) return refuse('A domain name has at most 253 characters.');
  if (hostname.split('.').some((label) => label.length > 63)) {
    return refuse('Each part of a domain name has at most 63 characters.');
  }

  const info = parse(hostname, { allowPrivateDomains: false });
  if (info.isIp) return refuse('An IP address is not a domain name.');
  if (!info.isIcann || !info.publicSuffix) {
    return refuse(`"${trimmed}" does not end in a known top-level domain.`);
  }
  if (!info.domain) {
    return refuse(`"${trimmed}" is only a public suffix; add the name in front of it.`);
  }
  return {
    ok: true,
    ascii: info.domain,
    unicode: safeToUnicode(info.domain),
    corrected: hadUrlParts || info.domain !== hostname,
    input: trimmed,
  };
}

export interface DomainList {
  domains: CheckedDomain[];
  invalid: { input: string; reason: string }[];
  /** Entries dropped because they named a domain already in the list. */
  duplicates: number;
}

/** Many domains pasted at once: newlines, commas, semicolons or spaces; duplicates dropped. */
export function parseDomainList(text: string): DomainList {
  const seen = new Set<string>();
  const result: DomainList = { domains: [], invalid: [], duplicates: 0 };
  for (const entry of splitDomainList(text)) {
    const checked = checkDomainName(entry);
    if (!checked.ok) {
      result.invalid.push({ input: checked.input, reason: checked.reason });
    } else if (seen.has(checked.ascii)) {
      result.duplicates++;
    } else {
      seen.add(checked.ascii);
      result.domains.push(checked);
    }
  }
  return result;
}

/** The browser's own URL parser does IDNA (Unicode → punycode) and rejects invalid characters. */
function toAsciiHostname(input: string): { hostname?: string; hadUrlParts: boolean } {
  const withoutScheme = input.replace(/^[a-z][a-z0-9+.-]*:\/\//i, '');
  const [authority = '', ...rest] = withoutScheme.split(/(?=[/?#])/);
  const host = authority.replace(/^[^@]*@/, '').replace(/:\d+$/, '');
  const hadUrlParts = withoutScheme !== input || rest.length > 0 || host !== authority;
  if (!host || /[\s_]/.test(host)) return { hadUrlParts };
  try {
    const hostname = new URL(`http://${host}`).hostname.replace(/\.$/, '');
    if (!/^[a-z0-9.-]+$/.test(hostname) || hostname.includes('..')) return { hadUrlParts };
    return { hostname, hadUrlParts };
  } catch {
    return { hadUrlParts };
  }
}
