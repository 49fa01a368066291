import nodemailer from 'nodemailer';
import { mailOptions, type MailTransport, type OutgoingEmail } from './mail-transport';

/** A message the development mailbox received. */
export interface MailboxMessage {
  /** Its place in the mailbox, 1 first; what /dev/mailbox/<n> shows. */
  number: number;
  messageId: string;
  to: string;
  from: string;
  replyTo: string | null;
  subject: string;
  text: string;
  html: string;
  /** The whole message as SMTP would have carried it (RFC 5322), built by nodemailer. */
  raw: string;
  receivedAt: Date;
}

/** The newest messages kept: a development server left running must not grow without bound. */
const KEPT = 500;

/**
 * Development and test without SMTP_URL: messages still go through the outbox and the sender, and end here, in the
 * server's memory, instead of leaving the machine. Shown at /dev/mailbox (never served in production).
 */
export class DevMailbox implements MailTransport {
  private readonly messages: MailboxMessage[] = [];
  private received = 0;
  private readonly builder = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });

  async send(email: OutgoingEmail): Promise<void> {
    const info = await this.builder.sendMail(mailOptions(email));
    const raw = Buffer.isBuffer(info.message) ? info.message.toString('utf8') : String(info.message);
    this.messages.push({
      number: ++this.received,
      messageId: email.messageId,
      to: email.to,
      from: email.from.name ? `${email.from.name} <${email.from.address}>` : email.from.address,
      replyTo: email.replyTo,
      subject: email.subject,
      text: email.text,
      html: email.html,
      raw,
      receivedAt: new Date(),
    });
    if (this.messages.length > KEPT) this.messages.shift();
  }

  /** Newest first. */
  list(): MailboxMessage[] {
    return [...this.messages].reverse();
  }

  get(number: number): MailboxMessage | undefined {
    return this.messages.find((message) => message.number === number);
  }

  close(): void {}
}
