import type { IncomingMessage } from 'node:http';
import { BlockList, isIP } from 'node:net';
import { addProxyEntry } from '../config/config';

/** An address as the rest of the server keys it: IPv4-mapped IPv6 (`::ffff:10.0.0.1`) written as IPv4. */
export function normalizeIp(ip: string | undefined): string {
  if (!ip) return 'unknown';
  return ip.startsWith('::ffff:') && isIP(ip.slice(7)) === 4 ? ip.slice(7) : ip;
}

/** An X-Forwarded-For entry as an address: proxies may add a port (`192.0.2.1:4711`, `[2001:db8::1]:4711`). Null when it is none. */
function forwardedAddress(entry: string): string | null {
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(entry);
  const withPort = /^([^:]+):\d+$/.exec(entry);
  const address = normalizeIp(bracketed?.[1] ?? withPort?.[1] ?? entry);
  return isIP(address) ? address : null;
}

/** The configured proxies (TRUSTED_PROXIES: addresses and CIDR ranges, already validated by the config). */
export class TrustedProxies {
  private readonly list = new BlockList();
  private readonly empty: boolean;

  constructor(entries: readonly string[]) {
    for (const entry of entries) addProxyEntry(this.list, entry);
    this.empty = entries.length === 0;
  }

  has(ip: string): boolean {
    const family = isIP(ip);
    return !this.empty && family !== 0 && this.list.check(ip, family === 4 ? 'ipv4' : 'ipv6');
  }
}

/**
 * The client's address: the socket's, unless the socket is a trusted proxy; then, walking X-Forwarded-For from the
 * right (the entry our own proxy wrote), the first address that is not a trusted proxy. A client cannot spoof it by
 * sending the header directly, nor by putting addresses to the left of its own. An entry that is not an address ends
 * the walk: the hop that wrote it is the client.
 */
export function clientIp(req: IncomingMessage, trustedProxies: TrustedProxies): string {
  const socketIp = normalizeIp(req.socket.remoteAddress);
  if (!trustedProxies.has(socketIp)) return socketIp;
  const header = req.headers['x-forwarded-for'];
  const chain = (Array.isArray(header) ? header.join(',') : header ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  let client = socketIp;
  for (let i = chain.length - 1; i >= 0; i--) {
    const address = forwardedAddress(chain[i]);
    if (!address) return client;
    client = address;
    if (!trustedProxies.has(address)) return address;
  }
  return client;
}
