/**
 * Idle and slow connections (OWASP API4, unrestricted resource consumption; issue 14, point 5). Sockets are what a
 * slow client exhausts: headers that never finish, a body sent a byte at a time, connections opened and left idle.
 * Each is cut off by a timeout or refused by a cap, over real sockets against the real server, while /health keeps
 * answering everyone else. Here: headers within 1 s, the whole request within 2 s, 1 s of keep-alive, at most 5
 * connections per address and 12 in all. A client that gives up mid-request is its own business: a debug line.
 */
import { connect, type Socket } from 'node:net';
import { NO_RATE_LIMITS, type TestApp } from '../support/test-app';
import { expectNothingChanged, startSecurityApp } from './support';

let t: TestApp;
let port: number;

beforeAll(async () => {
  t = await startSecurityApp({
    ...NO_RATE_LIMITS,
    HTTP_HEADERS_TIMEOUT_MS: '1000',
    HTTP_REQUEST_TIMEOUT_MS: '2000',
    HTTP_KEEP_ALIVE_TIMEOUT_MS: '1000',
    HTTP_MAX_CONNECTIONS_PER_IP: '5',
    HTTP_MAX_CONNECTIONS: '12',
  });
  port = t.app.port;
});
afterAll(() => t?.stop());

const open: Socket[] = [];
afterEach(() => {
  for (const socket of open.splice(0)) socket.destroy();
});

interface Connection {
  socket: Socket;
  /** Everything the server sent. */
  received(): string;
  /** Resolves when the server (or the network) closed the connection, with the milliseconds since it opened. */
  closed: Promise<number>;
}

/** A TCP connection to the app from `from` (any 127.x.y.z address is this machine, so each test client can have its own). */
function connection(from = '127.0.0.1'): Promise<Connection> {
  return new Promise((resolve, reject) => {
    const opened = Date.now();
    const socket = connect({ host: '127.0.0.1', port, localAddress: from });
    open.push(socket);
    let data = '';
    socket.on('data', (chunk) => (data += chunk.toString()));
    socket.on('error', () => undefined);
    const closed = new Promise<number>((done) => socket.once('close', () => done(Date.now() - opened)));
    socket.once('connect', () => resolve({ socket, received: () => data, closed }));
    socket.once('error', reject);
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** GET /health on a new connection from `from`: the status, or the error code when the connection was refused. */
async function health(from: string): Promise<number | string> {
  const c = await connection(from);
  c.socket.write('GET /health HTTP/1.1\r\nHost: portal\r\nConnection: close\r\n\r\n');
  await c.closed;
  return Number(/^HTTP\/1\.1 (\d{3})/.exec(c.received())?.[1]) || 'closed without an answer';
}

const logLines = () =>
  t
    .logs()
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as { level: number; msg: string; requestId?: string; status?: number; err?: unknown });

const MUTATION = JSON.stringify({ query: 'mutation { createCustomer(input: { name: "Slow" }) { id } }' });

describe('slow clients are cut off', () => {
  it('a body sent a byte at a time: 408 once the request has taken 2 s, and nothing is done with it', async () => {
    await expectNothingChanged(t, async () => {
      const c = await connection('127.0.0.2');
      c.socket.write(`POST /graphql HTTP/1.1\r\nHost: portal\r\nContent-Type: application/json\r\nContent-Length: ${MUTATION.length}\r\n\r\n`);
      let sent = 0;
      const trickle = setInterval(() => {
        if (!c.socket.destroyed && sent < MUTATION.length - 1) c.socket.write(MUTATION[sent++]);
      }, 100);
      const after = await c.closed.finally(() => clearInterval(trickle));
      expect(c.received()).toMatch(/^HTTP\/1\.1 408 Request Timeout/);
      expect(after).toBeGreaterThanOrEqual(1900);
      expect(after).toBeLessThan(4000);
    });
  });

  it('headers sent a line at a time: 408 at the headers timeout (1 s)', async () => {
    const c = await connection('127.0.0.2');
    c.socket.write('GET /health HTTP/1.1\r\n');
    const trickle = setInterval(() => !c.socket.destroyed && c.socket.write('X-Slow: 1\r\n'), 200);
    const after = await c.closed.finally(() => clearInterval(trickle));
    expect(c.received()).toMatch(/^HTTP\/1\.1 408/);
    expect(after).toBeGreaterThanOrEqual(900);
    expect(after).toBeLessThan(3000);
  });

  it('a connection that never sends anything: closed at the headers timeout', async () => {
    const c = await connection('127.0.0.2');
    const after = await c.closed;
    expect(after).toBeGreaterThanOrEqual(900);
    expect(after).toBeLessThan(3000);
  });

  it('an idle keep-alive connection: closed 1 s after its last answer', async () => {
    const c = await connection('127.0.0.2');
    c.socket.write('GET /health HTTP/1.1\r\nHost: portal\r\n\r\n');
    while (!c.received().includes('"ok"')) await sleep(10);
    const answeredAt = Date.now();
    await c.closed;
    expect(Date.now() - answeredAt).toBeGreaterThanOrEqual(900);
    expect(Date.now() - answeredAt).toBeLessThan(3000);
  });
});

describe('connection caps', () => {
  it('one address holding idle connections is refused its 6th, and another client still gets /health', async () => {
    const held = await Promise.all(Array.from({ length: 5 }, () => connection('127.0.0.3')));
    await sleep(50);
    for (const c of held) expect(c.socket.destroyed).toBe(false);

    const sixth = await connection('127.0.0.3');
    expect(await sixth.closed).toBeLessThan(500);
    expect(sixth.received()).toBe('');
    expect(await health('127.0.0.4')).toBe(200);

    const metrics = await (await fetch(`${t.url}/metrics`)).text();
    expect(metrics).toMatch(/^portal_http_connections_refused_total\{cap="per_ip"\} [1-9]/m);
  });

  it('at the global cap (12) a new connection is refused, and /health answers again once the idle ones time out', async () => {
    // Let the connections of earlier tests (and the test runner's own keep-alive pool) go.
    await sleep(1200);
    const held = [];
    for (const from of ['127.0.1.1', '127.0.1.2', '127.0.1.3']) held.push(...(await Promise.all(Array.from({ length: 4 }, () => connection(from)))));
    await sleep(50);

    expect(await health('127.0.1.4')).toBe('closed without an answer');
    // The held connections send nothing: the headers timeout closes them, and the server is free again.
    await Promise.all(held.map((c) => c.closed));
    expect(await health('127.0.1.4')).toBe(200);
  });
});

describe('a client that gives up mid-request', () => {
  it('is logged at debug level, without a stack trace, and never as a server error', async () => {
    const seen = logLines().length;
    const c = await connection('127.0.0.5');
    c.socket.write(`POST /graphql HTTP/1.1\r\nHost: portal\r\nContent-Type: application/json\r\nContent-Length: ${MUTATION.length}\r\n\r\n${MUTATION.slice(0, 10)}`);
    await sleep(100);
    c.socket.resetAndDestroy();
    await c.closed;
    await sleep(100);

    const lines = logLines().slice(seen);
    const gone = lines.filter((line) => line.msg === 'client went away before its request was in');
    expect(gone).toEqual([{ level: 20, time: expect.any(Number), msg: 'client went away before its request was in', requestId: expect.any(String), reason: 'aborted' }]);
    expect(lines.find((line) => line.msg === 'request' && line.requestId === gone[0].requestId)).toMatchObject({ level: 20, status: 499, path: '/graphql' });
    expect(lines.filter((line) => line.level >= 40)).toEqual([]);
  });
});
