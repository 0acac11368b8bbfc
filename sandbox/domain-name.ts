/**
 * Hostway's rule for `{domainName}`: a registrable domain under a real TLD, case-insensitive.
 * `example.com` is valid; `www.example.com` and `http://www.example.com` are not.
 * Deliberately not the console's rule (src/contract/domain-syntax.ts, server/validation.ts):
 * like the real API, it accepts upper case and Unicode names, converted to their ASCII
 * (punycode) form, the form the fixtures are keyed by, and answers in Hostway's words. The label
 * and length rules are the contract's.
 */
import { domainToASCII } from 'node:url';
import { parse } from 'tldts';
import { DOMAIN_MAX_LENGTH, hasValidLabels } from '../src/contract/domain-syntax.ts';

export type DomainCheck = { ok: true; domain: string } | { ok: false; reason: string };

export function normaliseDomain(input: string): DomainCheck {
  const lower = input.toLowerCase();
  if (lower.length === 0) return { ok: false, reason: 'The domain name is empty.' };
  if (/[\s/:@?#\\]/.test(lower)) {
    return { ok: false, reason: `'${input}' is not a bare domain name (no scheme, path or port).` };
  }
  const ascii = domainToASCII(lower);
  if (ascii === '' || ascii.length > DOMAIN_MAX_LENGTH) {
    return { ok: false, reason: `'${input}' is not a syntactically valid domain name.` };
  }
  if (!ascii.includes('.') || !hasValidLabels(ascii)) {
    return { ok: false, reason: `'${input}' is not a syntactically valid domain name.` };
  }
  const parsed = parse(ascii);
  if (parsed.isIp) return { ok: false, reason: `'${input}' is an IP address, not a domain name.` };
  if (!parsed.isIcann || !parsed.publicSuffix) {
    return { ok: false, reason: `'${input}' is not under a supported top-level domain.` };
  }
  if (parsed.domain === null) {
    return { ok: false, reason: `'${input}' is a public suffix, not a registrable domain.` };
  }
  if (parsed.domain !== ascii) {
    return {
      ok: false,
      reason: `'${input}' is a host name, not a registrable domain; use '${parsed.domain}'.`,
    };
  }
  return { ok: true, domain: ascii };
}
