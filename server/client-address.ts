import { isIP } from 'node:net';
import type { Context } from 'hono';

/*
 * Who is on the other end. Without TRUST_PROXY, the socket's peer: X-Forwarded-* headers are
 * ignored (anyone can send them). With TRUST_PROXY=1 the console sits behind one reverse proxy
 * that every connection comes through: the client is the address that proxy appended to
 * X-Forwarded-For (the LAST entry; entries before it are whatever the client claimed), and the
 * scheme is its X-Forwarded-Proto. A proxied request without X-Forwarded-For has no known
 * client: it is never taken for loopback.
 */

export interface Client {
  /** An IP address, or undefined when it cannot be known. */
  address: string | undefined;
  /** How the client reached the console (or the proxy in front of it). */
  scheme: 'http' | 'https';
}

export function clientOf(c: Context, trustProxy: boolean): Client {
  if (!trustProxy) return { address: normalize(socketAddress(c)), scheme: 'http' };
  const forwardedFor = lastEntry(c.req.header('x-forwarded-for'));
  const proto = lastEntry(c.req.header('x-forwarded-proto'))?.toLowerCase();
  return {
    address:
      forwardedFor && isIP(normalize(forwardedFor) ?? '') ? normalize(forwardedFor) : undefined,
    scheme: proto === 'https' ? 'https' : 'http',
  };
}

/** 127.0.0.0/8 and ::1 (also as IPv4-mapped IPv6). */
export function isLoopbackAddress(address: string | undefined): boolean {
  if (!address) return false;
  const v4 = address.startsWith('::ffff:') ? address.slice(7) : address;
  if (isIP(v4) === 4) return v4.startsWith('127.');
  return address === '::1';
}

function socketAddress(c: Context): string | undefined {
  const incoming = (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)
    ?.incoming;
  return incoming?.socket?.remoteAddress;
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
