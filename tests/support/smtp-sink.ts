import { createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer, type SMTPServerAddress } from 'smtp-server';

/** A message as it arrived over SMTP, parsed as a mail client would. */
export interface ReceivedEmail {
  messageId: string;
  /** The envelope's recipient (RCPT TO; the server sends each message to one address). */
  to: string;
  subject: string;
  text: string;
  html: string;
  replyTo: string | null;
  from: string;
  headers: ParsedMail['headers'];
  raw: string;
}

/** An SMTP refusal: `code` (e.g. 451, 550) and its text, for the next matching commands. */
interface Refusal {
  code: number;
  message: string;
  /** How many more times it applies; Infinity for always. */
  times: number;
  /** Only for this recipient (RCPT TO); any when null. */
  recipient: string | null;
  stage: 'RCPT' | 'DATA';
}

/**
 * A real SMTP server on a local port (the `smtp-server` package), receiving over TCP what the server sends, with the
 * faults a real mail server has: refusing a recipient for good (5xx), deferring (4xx). Credentials are required when
 * given, so a test sees that SMTP_URL's reach the server.
 */
export class SmtpSink {
  readonly received: ReceivedEmail[] = [];
  private refusals: Refusal[] = [];
  private waiters: Array<() => void> = [];
  private constructor(
    private readonly server: SMTPServer,
    readonly port: number,
    readonly credentials: { user: string; pass: string },
  ) {}

  static async start(credentials = { user: 'mailer', pass: 's3cret-smtp-pass' }): Promise<SmtpSink> {
    let sink!: SmtpSink;
    const server = new SMTPServer({
      disabledCommands: ['STARTTLS'],
      allowInsecureAuth: true,
      authOptional: false,
      logger: false,
      size: 10 * 1024 * 1024,
      onAuth(auth, _session, callback) {
        if (auth.username === credentials.user && auth.password === credentials.pass) return callback(null, { user: auth.username });
        callback(Object.assign(new Error('Invalid username or password'), { responseCode: 535 }));
      },
      onRcptTo(address: SMTPServerAddress, _session, callback) {
        const refusal = sink.take('RCPT', address.address);
        if (refusal) return callback(Object.assign(new Error(refusal.message), { responseCode: refusal.code }));
        callback();
      },
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          const refusal = sink.take('DATA', null);
          if (refusal) return callback(Object.assign(new Error(refusal.message), { responseCode: refusal.code }));
          const raw = Buffer.concat(chunks).toString('utf8');
          simpleParser(raw)
            .then((mail) => {
              sink.received.push({
                messageId: mail.messageId ?? '',
                to: session.envelope.rcptTo.map((r) => r.address).join(', '),
                subject: mail.subject ?? '',
                text: mail.text ?? '',
                html: typeof mail.html === 'string' ? mail.html : '',
                replyTo: mail.replyTo?.value[0]?.address ?? null,
                from: mail.from?.text ?? '',
                headers: mail.headers,
                raw,
              });
              for (const wake of sink.waiters.splice(0)) wake();
              callback();
            })
            .catch((err: Error) => callback(err));
        });
      },
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    server.on('error', () => undefined);
    const port = ((server as unknown as { server: Server }).server.address() as AddressInfo).port;
    sink = new SmtpSink(server, port, credentials);
    return sink;
  }

  /** SMTP_URL for this sink, with its credentials. */
  get url(): string {
    return `smtp://${this.credentials.user}:${this.credentials.pass}@127.0.0.1:${this.port}`;
  }

  /** Refuses the next `times` messages' DATA (or a recipient's RCPT TO) with `code`. */
  refuse(stage: 'RCPT' | 'DATA', code: number, options: { times?: number; recipient?: string; message?: string } = {}): void {
    this.refusals.push({
      stage,
      code,
      times: options.times ?? 1,
      recipient: options.recipient?.toLowerCase() ?? null,
      message: options.message ?? (code >= 500 ? 'Requested action not taken: mailbox unavailable' : 'Try again later'),
    });
  }

  clearRefusals(): void {
    this.refusals = [];
  }

  private take(stage: 'RCPT' | 'DATA', recipient: string | null): Refusal | undefined {
    const refusal = this.refusals.find((r) => r.stage === stage && r.times > 0 && (r.recipient === null || r.recipient === recipient?.toLowerCase()));
    if (refusal) refusal.times -= 1;
    return refusal;
  }

  /** The messages sent to `address`, in arrival order. */
  to(address: string): ReceivedEmail[] {
    return this.received.filter((m) => m.to.toLowerCase() === address.toLowerCase());
  }

  /** Everything that arrived, in arrival order. */
  messages(): ReceivedEmail[] {
    return [...this.received];
  }

  /** The first message that matches, once it has arrived. */
  async waitForMessage(match: (message: ReceivedEmail) => boolean, timeoutMs = 10_000): Promise<ReceivedEmail> {
    await this.waitFor((received) => received.some(match), timeoutMs);
    return this.received.find(match)!;
  }

  /** Resolves once `predicate` holds over what arrived; rejects after `timeoutMs` with what did arrive. */
  async waitFor(predicate: (received: ReceivedEmail[]) => boolean, timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!predicate(this.received)) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`SMTP sink: condition not met in ${timeoutMs} ms; received ${JSON.stringify(this.received.map((m) => [m.to, m.subject]))}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.min(left, 200));
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

export const startSmtpSink = (credentials?: { user: string; pass: string }) => SmtpSink.start(credentials);

/** The token of the payment link in a message's text (`…/pay#cpt_…`); throws when there is none. */
export function linkIn(text: string): string {
  const match = /#(cpt_[A-Za-z0-9_-]+)/.exec(text);
  if (!match) throw new Error(`no payment link in:\n${text}`);
  return match[1];
}

/** A TCP server that accepts connections and never says a word: a mail server that hangs. */
export async function startHangingServer(): Promise<{ port: number; connections(): number; stop(): Promise<void> }> {
  const sockets = new Set<Socket>();
  let count = 0;
  const server = createServer((socket) => {
    count++;
    sockets.add(socket);
    socket.on('error', () => undefined);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return {
    port: (server.address() as AddressInfo).port,
    connections: () => count,
    async stop() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** A local port nothing listens on: connections to it are refused. */
export async function refusingPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.address() as AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
