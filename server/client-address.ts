import { isIP } from 'node:net';
import type { Context } from 'hono';

/*
 * Who is on the other end. Without TRUST_PROXY, the socket's peer and the connection's scheme:
 * X-Forwarded-* headers are ignored (anyone can send them). With TRUST_PROXY=1 the console sits
 * behind one reverse proxy that every connection comes through: the client is the address that
 * proxy appended to X-Forwarded-For (the LAST entry; entries before it are whatever the client
 * claimed), and the scheme is its X-Forwarded-Proto (the last entry too; the connection's when
 * it is missing or neither http nor https). A proxied request without X-Forwarded-For has no
 * known client: it is never taken for loopback.
 */

export interface Client {
  /** An IP address, or undefined when it cannot be known. */
  address: string | undefined;
  /** How the client reached the console (or the proxy in front of it). */
  scheme: 'http' | 'https';
}

export function clientOf(c: Context, trustProxy: boolean): Client {
  const socket = incomingSocket(c);
  const connection = socket?.encrypted === true ? 'https' : 'http';
  if (!trustProxy) return { address: normalize(socket?.remoteAddress), scheme: connection };
  const forwardedFor = lastEntry(c.req.header('x-forwarded-for'));
  const proto = lastEntry(c.req.header('x-forwarded-proto'))?.toLowerCase();
  return {
    address:
      forwardedFor && isIP(normalize(forwardedFor) ?? '') ? normalize(forwardedFor) : undefined,
    scheme: proto === 'https' || proto === 'http' ? proto : connection,
  };
}

/** 127.0.0.0/8 and ::1 (also as IPv4-mapped IPv6). */
export function isLoopbackAddress(address: string | undefined): boolean {
  if (!address) return false;
  const v4 = address.startsWith('::ffff:') ? address.slice(7) : address;
  if (isIP(v4) === 4) return v4.startsWith('127.');
  return address === '::1';
}

/** The Node socket under the request (@hono/node-server); `encrypted` on a TLS one. */
function incomingSocket(c: Context): { remoteAddress?: string; encrypted?: boolean } | undefined {
  const env = c.env as
    { incoming?: { socket?: { remoteAddress?: string; encrypted?: boolean } } } | undefined;
  return env?.incoming?.socket;
}

function lastEntry(header: string | undefined): string | undefined {
  if (header === undefined) return undefined;
  const entry = header.slice(header.lastIndexOf(',') + 1).trim();
  return entry || undefined;
}

/** Drops brackets and a port a proxy may add (`[::1]:1234`, `1.2.3.4:5678`). */
function normalize(address: string | undefined): string | undefined {
  if (!address) return undefined;
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(address);
  if (bracketed) return bracketed[1];
  const v4WithPort = /^(\d{1,3}(?:\.\d{1,3}){3}):\d+$/.exec(address);
  return v4WithPort ? v4WithPort[1] : address;
}
