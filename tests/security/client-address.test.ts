/**
 * Whose address a request has (issue 14, point 2): every per-address budget and audit row depends on it. Behind
 * TRUSTED_PROXIES (addresses and CIDR ranges, IPv4 and IPv6) the client is the first address, walking X-Forwarded-For
 * from the right, that is not a trusted proxy; anywhere else it is the socket's, whatever the headers say. A client
 * cannot choose its address by writing the header, nor hide behind addresses it puts to the left of its own.
 */
import type { IncomingMessage } from 'node:http';
import { randomBytes } from 'node:crypto';
import { clientIp, TrustedProxies } from '../../src/server/client-ip';
import type { TestApp } from '../support/test-app';
import { request, startSecurityApp } from './support';

/** A request as node:http hands it over: the socket's address and the headers. */
function requestFrom(socketAddress: string, forwardedFor?: string | string[]): IncomingMessage {
  return { socket: { remoteAddress: socketAddress }, headers: forwardedFor === undefined ? {} : { 'x-forwarded-for': forwardedFor } } as unknown as IncomingMessage;
}

const ip = (proxies: string[], socketAddress: string, forwardedFor?: string | string[]) => clientIp(requestFrom(socketAddress, forwardedFor), new TrustedProxies(proxies));

describe('which address is the client', () => {
  it('with no trusted proxy: the socket, whatever X-Forwarded-For says', () => {
    expect(ip([], '198.51.100.4', '203.0.113.9')).toBe('198.51.100.4');
    expect(ip([], '::ffff:198.51.100.4')).toBe('198.51.100.4');
  });

  it.each([
    ['a single IPv4 proxy', ['10.0.0.5'], '10.0.0.5'],
    ['an IPv4 range', ['10.0.0.0/8'], '10.200.3.4'],
    ['an IPv4 range, the socket written IPv4-mapped', ['10.0.0.0/8'], '::ffff:10.200.3.4'],
    ['a single IPv6 proxy', ['2001:db8::5'], '2001:db8::5'],
    ['an IPv6 range', ['fd00::/8'], 'fd12:3456::1'],
    ['ranges and single addresses of both families, mixed', ['192.0.2.7', 'fd00::/8', '10.0.0.0/8', '::1'], '::1'],
  ])('behind %s: the address the proxy saw', (_member, proxies, socketAddress) => {
    expect(ip(proxies, socketAddress, '203.0.113.9')).toBe('203.0.113.9');
    expect(ip(proxies, socketAddress, '2001:db8:beef::9')).toBe('2001:db8:beef::9');
  });

  it('a socket just outside the range is the client itself, and its header is not believed', () => {
    expect(ip(['10.0.0.0/8'], '11.0.0.1', '203.0.113.9')).toBe('11.0.0.1');
    expect(ip(['fd00::/8'], 'fe00::1', '203.0.113.9')).toBe('fe00::1');
    expect(ip(['192.0.2.0/25'], '192.0.2.128', '203.0.113.9')).toBe('192.0.2.128');
  });

  it('through several trusted hops, the first untrusted address from the right', () => {
    const proxies = ['10.0.0.0/8', '192.168.1.9', 'fd00::/8'];
    expect(ip(proxies, '10.0.0.1', '203.0.113.9, 192.168.1.9, fd00::7, 10.9.9.9')).toBe('203.0.113.9');
  });

  it('addresses a client writes to the left of its own are ignored', () => {
    // The client sent "X-Forwarded-For: 1.1.1.1, 10.0.0.3"; our proxy appended the address it saw.
    expect(ip(['10.0.0.0/8'], '10.0.0.1', '1.1.1.1, 10.0.0.3, 203.0.113.9')).toBe('203.0.113.9');
  });

  it('several X-Forwarded-For headers are one list', () => {
    expect(ip(['10.0.0.0/8'], '10.0.0.1', ['203.0.113.9', '10.0.0.2'])).toBe('203.0.113.9');
  });

  it('entries with ports, as some proxies write them, are addresses', () => {
    expect(ip(['10.0.0.0/8'], '10.0.0.1', '203.0.113.9:4711')).toBe('203.0.113.9');
    expect(ip(['10.0.0.0/8'], '10.0.0.1', '[2001:db8::9]:4711')).toBe('2001:db8::9');
  });

  it('an entry that is not an address ends the walk: the hop that wrote it is the client', () => {
    expect(ip(['10.0.0.0/8'], '10.0.0.1', 'unknown, 10.0.0.2')).toBe('10.0.0.2');
    expect(ip(['10.0.0.0/8'], '10.0.0.1', '<script>')).toBe('10.0.0.1');
  });

  it('when every hop is a trusted proxy, the farthest one', () => {
    expect(ip(['10.0.0.0/8'], '10.0.0.1', '10.0.0.3, 10.0.0.2')).toBe('10.0.0.3');
    expect(ip(['10.0.0.0/8'], '10.0.0.1')).toBe('10.0.0.1');
  });
});

describe('the server, behind proxies given as ranges of both families', () => {
  let t: TestApp;
  beforeAll(async () => {
    // Listening on both families: requests come from 127.0.0.1 (IPv4-mapped on this socket) and from ::1.
    t = await startSecurityApp({ HOST: '::', TRUSTED_PROXIES: '127.0.0.0/8, ::1/128, 192.0.2.7' });
  });
  afterAll(() => t?.stop());

  /** A failed authentication from `via`, forwarded for `client`: the address its audit row names. */
  async function auditedAddress(via: string, forwardedFor: string): Promise<string | null> {
    const res = await request(`http://${via}:${t.app.port}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer cpt_${randomBytes(8).toString('hex')}`, 'x-forwarded-for': forwardedFor },
      body: JSON.stringify({ query: '{ balance { openInvoiceCount } }' }),
    });
    expect(res.json!.errors![0].extensions!.code).toBe('UNAUTHENTICATED');
    const rows = await t.app.database.prisma.auditLog.findMany({ where: { action: 'AUTH_FAILED' }, orderBy: { createdAt: 'desc' }, take: 1 });
    return rows[0].ip;
  }

  it('believes X-Forwarded-For from an IPv4 proxy in a range', async () => {
    expect(await auditedAddress('127.0.0.1', '203.0.113.21')).toBe('203.0.113.21');
  });

  it('believes X-Forwarded-For from an IPv6 proxy in a range', async () => {
    expect(await auditedAddress('[::1]', '2001:db8::21, 192.0.2.7')).toBe('2001:db8::21');
  });
});
