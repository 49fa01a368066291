import nodemailer from 'nodemailer';
import type { EmailConfig } from '../config/config';

/** One message as it leaves: every header the sender sets, and both parts. */
export interface OutgoingEmail {
  from: { name: string; address: string };
  to: string;
  replyTo: string | null;
  subject: string;
  text: string;
  html: string;
  /** `<id@domain>`, the same on every attempt, so a receiving system can drop a second copy. */
  messageId: string;
  date: Date;
}

/** Why a send failed, in the sender's terms: retry later, or never (the server refused this message for good). */
export class SendFailure extends Error {
  constructor(
    message: string,
    readonly permanent: boolean,
  ) {
    super(message);
    this.name = 'SendFailure';
  }
}

/** Where messages go: SMTP, or the development mailbox. */
export interface MailTransport {
  /** Resolves once the server accepted the message; throws SendFailure otherwise. */
  send(email: OutgoingEmail): Promise<void>;
  close(): void;
}

interface NodemailerError {
  code?: string;
  responseCode?: number;
  command?: string;
  message?: string;
}

/**
 * What a failure means. A 5xx to the envelope or the message (an address that does not exist, a message refused) is
 * that message's, for good. Everything else is worth another try: a 4xx, a connection refused or cut, a timeout, and
 * also a 5xx to the greeting or to our login, which is our configuration's fault, not the message's, and must not
 * fail every message at once.
 */
export function sendFailureOf(error: unknown): SendFailure {
  const e = (error ?? {}) as NodemailerError;
  const permanent = typeof e.responseCode === 'number' && e.responseCode >= 500 && (e.code === 'EENVELOPE' || e.code === 'EMESSAGE');
  const what = [e.code, e.command && `after ${e.command}`].filter(Boolean).join(' ');
  // The server's answer (e.g. "550 5.1.1 No such user"); never the URL or its credentials, which nodemailer does not put there.
  const detail = (e.message ?? String(error)).replace(/\s+/g, ' ').slice(0, 500);
  return new SendFailure(what ? `${what}: ${detail}` : detail, permanent);
}

/** SMTP through nodemailer's pool: a few connections kept open, every phase of a conversation bounded. */
export function smtpTransport(config: Pick<EmailConfig, 'smtpTimeoutMs'> & { smtpUrl: string }, maxConnections: number): MailTransport {
  const transporter = nodemailer.createTransport({
    url: config.smtpUrl,
    pool: true,
    maxConnections,
    connectionTimeout: config.smtpTimeoutMs,
    greetingTimeout: config.smtpTimeoutMs,
    socketTimeout: config.smtpTimeoutMs,
    dnsTimeout: config.smtpTimeoutMs,
    // nodemailer logs nothing unless asked; its debug output would carry the AUTH exchange.
    logger: false,
    debug: false,
  } as Parameters<typeof nodemailer.createTransport>[0]);
  return {
    async send(email) {
      try {
        await transporter.sendMail(mailOptions(email));
      } catch (error) {
        throw sendFailureOf(error);
      }
    },
    close: () => transporter.close(),
  };
}

export function mailOptions(email: OutgoingEmail) {
  return {
    from: email.from,
    to: email.to,
    ...(email.replyTo && { replyTo: email.replyTo }),
    subject: email.subject,
    text: email.text,
    html: email.html,
    messageId: email.messageId,
    date: email.date,
    // RFC 3834: an automatic message, so auto-responders do not answer it.
    headers: { 'Auto-Submitted': 'auto-generated' },
  };
}
