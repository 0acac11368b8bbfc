import { BlockList, isIP } from 'node:net';

/*
 * AUTH_MODE=proxy trusts the user header only on connections whose TCP peer is one of
 * TRUSTED_PROXIES. The peer is the socket's remote address, never X-Forwarded-For: anyone can
 * write a header, nobody outside the proxy can be its socket.
 */

/** One TRUSTED_PROXIES entry, checked: an address or a CIDR block. */
export interface ProxyEntry {
  address: string;
  family: 'ipv4' | 'ipv6';
  /** undefined: this one address. */
  prefix: number | undefined;
}

/** Parses `10.0.0.5`, `10.0.0.0/8`, `::1`, `fd00::/8`; a message for anything else. */
export function parseProxyEntry(entry: string): ProxyEntry | string {
  const [address = '', prefixText, ...rest] = entry.split('/');
  const version = isIP(address);
  if (version === 0 || rest.length > 0) {
    return `${JSON.stringify(entry)} is not an IP address or CIDR block (e.g. 10.0.0.5, 10.0.0.0/8, ::1, fd00::/8)`;
  }
  const family = version === 4 ? 'ipv4' : 'ipv6';
  if (prefixText === undefined) return { address, family, prefix: undefined };
  const max = version === 4 ? 32 : 128;
  if (!/^\d{1,3}$/.test(prefixText) || Number(prefixText) > max) {
    return `${JSON.stringify(entry)} has a prefix length that is not a whole number from 0 to ${max}`;
  }
  return { address, family, prefix: Number(prefixText) };
}

/**
 * Why `entry` would trust every client (undefined when it does not): a prefix length of 0
 * (`0.0.0.0/0`, `::/0`; BlockList matches IPv4 peers against IPv6 rules too), or an IPv6 block
 * holding all of `::ffff:0:0/96`, the IPv4-mapped addresses a dual-stack listener reports every
 * IPv4 peer as. Behind such an entry anyone who reaches the port can name themselves in the
 * user header.
 */
export function trustsEveryone(entry: ProxyEntry): string | undefined {
  if (entry.prefix === undefined) return undefined;
  if (entry.prefix === 0) return 'trusts every address';
  if (entry.family === 'ipv6' && entry.prefix <= 96) {
    const list = new BlockList();
    list.addSubnet(entry.address, entry.prefix, 'ipv6');
    if (list.check('::ffff:0:0', 'ipv6')) return 'trusts every IPv4 address';
  }
  return undefined;
}

/** The TRUSTED_PROXIES list as a matcher of socket addresses. */
export function trustedProxyMatcher(entries: readonly ProxyEntry[]): (peer: string) => boolean {
  const list = new BlockList();
  for (const { address, family, prefix } of entries) {
    if (prefix === undefined) list.addAddress(address, family);
    else list.addSubnet(address, prefix, family);
  }
  return (peer) => {
    // A socket on a dual-stack listener reports IPv4 peers as ::ffff:a.b.c.d; BlockList matches
    // those against IPv4 rules itself.
    const version = isIP(peer);
    if (version === 0) return false;
    return list.check(peer, version === 4 ? 'ipv4' : 'ipv6');
  };
}
