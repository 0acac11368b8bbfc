/**
 * Top-level domains with no ICANN public suffix below them: every `label.tld` under them is a
 * registrable domain, without consulting the list. Other names are checked by the console server,
 * and so are IDNs (an `xn--` label): the server gives their Unicode form, so the browser ships
 * no punycode decoder.
 * Shared by the transfer page (look such names up at once) and the server's preload hints
 * (preload only what the page will ask for at once).
 */
const FLAT_TLDS = new Set(['com', 'net', 'org']);

export function isFlatTldName(ascii: string): boolean {
  const labels = ascii.split('.');
  return labels.length === 2 && FLAT_TLDS.has(labels[1]!) && !labels[0]!.startsWith('xn--');
}
