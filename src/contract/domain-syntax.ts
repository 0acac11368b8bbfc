/*
 * The syntax of a domain name, the same in the browser and on the console server: lower case,
 * trailing dot dropped, IDN to ASCII, labels of letters/digits/inner hyphens, label and name
 * lengths. The registrable-domain rules (the public suffix list, about 110 KB) are the server's:
 * server/domain-name.ts, behind `POST /api/domain-names`.
 */

export const DOMAIN_MAX_LENGTH = 253;
export const DOMAIN_LABEL_MAX_LENGTH = 63;
/** One label in A-label form: no leading or trailing hyphen, at most 63 characters. */
export const DOMAIN_LABEL_PATTERN = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

/** True when every label of `ascii` (an A-label name) is well-formed. */
export function hasValidLabels(ascii: string): boolean {
  return ascii.split('.').every((label) => DOMAIN_LABEL_PATTERN.test(label));
}

export type DomainSyntax =
  { ok: true; ascii: string; labels: number } | { ok: false; reason: string };

/**
 * Lower-case ASCII labels whose last one starts with a letter: the WHATWG URL parser leaves such
 * a host as it is (no IDNA mapping, and not an IPv4 address, which needs a numeric last label).
 */
const PLAIN_ASCII_NAME = /^(?:[a-z0-9-]+\.)+[a-z][a-z0-9-]*$/;

export function checkDomainSyntax(input: string): DomainSyntax {
  const trimmed = input.trim();
  if (trimmed === '') return { ok: false, reason: 'Enter a domain name.' };
  if (/[\s_/:?#@]/.test(trimmed)) {
    return { ok: false, reason: `"${trimmed}" is not a plain domain name.` };
  }
  let ascii: string;
  if (PLAIN_ASCII_NAME.test(trimmed)) {
    // Already what the URL parser would make of it (5,000 pasted names: no parser per name).
    ascii = trimmed;
  } else {
    try {
      ascii = new URL(`http://${trimmed}`).hostname.replace(/\.$/, '');
    } catch {
      return { ok: false, reason: `"${trimmed}" is not a valid domain name.` };
    }
  }
  if (!/^[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(ascii) || /^[\d.]+$/.test(ascii)) {
    return { ok: false, reason: `"${trimmed}" is not a valid domain name.` };
  }
  if (ascii.length > DOMAIN_MAX_LENGTH) {
    return { ok: false, reason: `A domain name has at most ${DOMAIN_MAX_LENGTH} characters.` };
  }
  if (ascii.split('.').some((label) => label.length > DOMAIN_LABEL_MAX_LENGTH)) {
    return {
      ok: false,
      reason: `Each part of a domain name has at most ${DOMAIN_LABEL_MAX_LENGTH} characters.`,
    };
  }
  if (!hasValidLabels(ascii)) {
    return { ok: false, reason: `"${trimmed}" is not a valid domain name.` };
  }
  return { ok: true, ascii, labels: ascii.split('.').length };
}

/** The entries of a pasted list: newlines, commas, semicolons or spaces separate them. */
export function splitDomainList(text: string): string[] {
  return text.split(/[\s,;]+/).filter(Boolean);
}
