/**
 * Hostway's rule for `{domainName}`: a registrable domain under a real TLD, case-insensitive.
 * `example.com` is valid; `www.example.com` and `http://www.example.com` are not. Unicode names
 * are accepted and converted to their ASCII (punycode) form, the form the fixtures are keyed by.
 */
import { domainToASCII } from 'node:url';
import { parse } from 'tldts';

export type DomainCheck = { ok: true; domain: string } | { ok: false; reason: string };

const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

export function normaliseDomain(input: string): DomainCheck {
  const lower = input.toLowerCase();
  if (lower.length === 0) return { ok: false, reason: 'The domain name is empty.' };
  if (/[\s/:@?#\\]/.test(lower)) {
    return { ok: false, reason: `'${input}' is not a bare domain name (no scheme, path or port).` };
  }
  const ascii = domainToASCII(lower);
  if (ascii === '' || ascii.length > 253) {
    return { ok: false, reason: `'${input}' is not a syntactically valid domain name.` };
  }
  const labels = ascii.split('.');
  if (labels.length < 2 || !labels.every((label) => LABEL.test(label))) {
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
