import { domainToUnicode } from 'node:url';
import { parse } from 'tldts';
import type { DomainCheck } from '../src/contract/domain-check.ts';
import {
  DOMAIN_LABEL_MAX_LENGTH,
  DOMAIN_MAX_LENGTH,
  hasValidLabels,
} from '../src/contract/domain-syntax.ts';

/**
 * Reduces what a person typed or pasted to the registrable domain the transfer API expects
 * (`example.com`), using the public suffix list (ICANN section only: private suffixes such as
 * blogspot.com are not registries): lower-case, trailing dot dropped, IDNs in ASCII form, URLs
 * and sub-domains cut back to the registrable part. What `POST /api/domain-names` answers.
 */
export function checkDomainName(input: string): DomainCheck {
  const trimmed = input.trim();
  const refuse = (reason: string): DomainCheck => ({ ok: false, input: trimmed, reason });
  if (trimmed === '') return refuse('Enter a domain name.');

  const { hostname, hadUrlParts } = toAsciiHostname(trimmed);
  if (!hostname) return refuse(`"${trimmed}" is not a valid domain name.`);
  if (hostname.length > DOMAIN_MAX_LENGTH) {
    return refuse(`A domain name has at most ${DOMAIN_MAX_LENGTH} characters.`);
  }
  if (hostname.split('.').some((label) => label.length > DOMAIN_LABEL_MAX_LENGTH)) {
    return refuse(`Each part of a domain name has at most ${DOMAIN_LABEL_MAX_LENGTH} characters.`);
  }
  // e.g. `-a.com`: the suffix list would not recognise it either, and say less about why.
  if (!hasValidLabels(hostname)) return refuse(`"${trimmed}" is not a valid domain name.`);

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
    input: trimmed,
    ascii: info.domain,
    // domainToUnicode answers '' for an A-label that does not decode: show it as it is.
    unicode: domainToUnicode(info.domain) || info.domain,
    corrected: hadUrlParts || info.domain !== hostname,
  };
}

/** WHATWG URL parsing does IDNA (Unicode → punycode) and rejects invalid characters. */
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
