import type { IncomingMessage } from 'node:http';

function normalize(ip: string | undefined): string {
  if (!ip) return 'unknown';
  return ip.startsWith('::ffff:') ? ip.slice(7) : ip;
}

/**
 * The client's address: the socket's, unless the socket is a configured trusted proxy; then the nearest
 * X-Forwarded-For entry that is not itself a trusted proxy. A client cannot spoof it by sending the header directly.
 */
export function clientIp(req: IncomingMessage, trustedProxies: readonly string[]): string {
  const socketIp = normalize(req.socket.remoteAddress);
  if (!trustedProxies.includes(socketIp)) return socketIp;
  const header = req.headers['x-forwarded-for'];
  const chain = (Array.isArray(header) ? header.join(',') : header ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map(normalize);
  for (let i = chain.length - 1; i >= 0; i--) {
    if (!trustedProxies.includes(chain[i])) return chain[i];
  }
  return socketIp;
}
