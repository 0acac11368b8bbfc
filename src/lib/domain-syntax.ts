import { toUnicode } from 'punycode/punycode.es6.js';

/**
 * The cheap half of domain checking, without the public suffix list (about 110 KB): lower
 * case, trailing dot dropped, IDN to ASCII, letters/digits/hyphens, label and name lengths.
 * The registrable-domain rules (the list) are the console server's: `POST /api/domain-names`.
 */
export type DomainSyntax =
  { ok: true; ascii: string; unicode: string; labels: number } | { ok: false; reason: string };

export function checkDomainSyntax(input: string): DomainSyntax {
  const trimmed = input.trim();
  if (trimmed === '') return { ok: false, reason: 'Enter a domain name.' };
  if (/[\s_/:?#@]/.test(trimmed)) {
    return { ok: false, reason: `"${trimmed}" is not a plain domain name.` };
  }
  let ascii: string;
  try {
    ascii = new URL(`http://${trimmed}`).hostname.replace(/\.$/, '');
  } catch {
    return { ok: false, reason: `"${trimmed}" is not a valid domain name.` };
  }
  if (!/^[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(ascii) || /^[\d.]+$/.test(ascii)) {
    return { ok: false, reason: `"${trimmed}" is not a valid domain name.` };
  }
  if (ascii.length > 253) return { ok: false, reason: 'A domain name has at most 253 characters.' };
  if (ascii.split('.').some((label) => label.length > 63)) {
    return { ok: false, reason: 'Each part of a domain name has at most 63 characters.' };
  }
  return { ok: true, ascii, unicode: safeToUnicode(ascii), labels: ascii.split('.').length };
}

/** The entries of a pasted list: newlines, commas, semicolons or spaces separate them. */
export function splitDomainList(text: string): string[] {
  return text.split(/[\s,;]+/).filter(Boolean);
}

/** For display only: an A-label that does not decode stays as it is. */
export function safeToUnicode(ascii: string): string {
  try {
    return toUnicode(ascii);
  } catch {
    return ascii;
  }
}
