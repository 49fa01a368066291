import type { Config } from '../config/config';
import type { Database } from '../db/database';
import type { Logger } from '../server/logger';
import { DevMailbox } from './dev-mailbox';
import type { EmailOutbox } from './email-outbox';
import { EmailSender, SEND_CONCURRENCY } from './email-sender';
import { smtpTransport } from './mail-transport';

/** The server's email side: the sender, and the development mailbox when there is no SMTP_URL outside production. */
export interface EmailRuntime {
  sender: EmailSender | null;
  /** Where messages go in development and test without SMTP_URL; null otherwise. */
  mailbox: DevMailbox | null;
  /** Stops the sender: the messages being sent finish, the others are given back. */
  stop(): Promise<void>;
}

export function emailRuntime(config: Config, database: Database, outbox: EmailOutbox, logger: Logger): EmailRuntime {
  const settings = config.email;
  if (settings.mode === 'off') {
    logger.warn('email is off: SMTP_URL is not set. No message is queued, and admin requests to send one get EmailNotConfiguredError.');
    return { sender: null, mailbox: null, stop: async () => undefined };
  }
  const mailbox = settings.mode === 'dev-mailbox' ? new DevMailbox() : null;
  const transport = mailbox ?? smtpTransport({ smtpUrl: settings.smtpUrl!, smtpTimeoutMs: settings.smtpTimeoutMs }, SEND_CONCURRENCY);
  const log = {
    error: (details: Record<string, unknown>, message: string) => logger.error(details, message),
    warn: (details: Record<string, unknown>, message: string) => logger.warn(details, message),
  };
  const sender = new EmailSender(database.prisma, database.provider, outbox.cipher, transport, settings, log);
  return {
    sender,
    mailbox,
    async stop() {
      await sender.stop();
      transport.close();
    },
  };
}
