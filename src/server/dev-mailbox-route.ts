import { escapeHtml } from '../email/templates/layout';
import type { DevMailbox, MailboxMessage } from '../email/dev-mailbox';
import { sendJson, type PrefixRoute } from './http-server';

export const DEV_MAILBOX_PATH = '/dev/mailbox';

/** Nothing loads from anywhere, scripts never run; a message's own HTML is shown in a sandboxed frame of its own. */
const PAGE_CSP = "default-src 'none'; style-src 'unsafe-inline'; frame-src 'self'; frame-ancestors 'self'; base-uri 'none'; form-action 'none'";
const MESSAGE_CSP = "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'self'; base-uri 'none'; form-action 'none'; sandbox allow-popups allow-popups-to-escape-sandbox";

function send(res: Parameters<PrefixRoute['handle']>[1], status: number, type: string, body: string, csp = PAGE_CSP) {
  res.writeHead(status, {
    'content-type': `${type}; charset=utf-8`,
    'content-length': Buffer.byteLength(body),
    'cache-control': 'no-store',
    'content-security-policy': csp,
    'referrer-policy': 'no-referrer',
    'x-content-type-options': 'nosniff',
  });
  res.end(body);
}

const page = (title: string, body: string) =>
  `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>` +
  `<style>body{font:15px/1.5 system-ui,sans-serif;margin:24px;color:#1f2933}table{border-collapse:collapse}td,th{padding:4px 12px 4px 0;text-align:left;vertical-align:top}` +
  `iframe{width:100%;height:640px;border:1px solid #cbd2d9}pre{white-space:pre-wrap;background:#f4f5f7;padding:12px}</style></head><body>${body}</body></html>`;

function listPage(messages: MailboxMessage[]): string {
  const rows = messages
    .map((m) => `<tr><td>${m.number}</td><td>${escapeHtml(m.receivedAt.toISOString())}</td><td>${escapeHtml(m.to)}</td><td><a href="${DEV_MAILBOX_PATH}/${m.number}">${escapeHtml(m.subject)}</a></td></tr>`)
    .join('');
  return page(
    'Dev mailbox',
    `<h1>Dev mailbox</h1><p>Email this development server sent (no SMTP_URL, so nothing left the machine), newest first; kept in memory until it stops.</p>` +
      (messages.length ? `<table><tr><th>#</th><th>Received</th><th>To</th><th>Subject</th></tr>${rows}</table>` : '<p>No messages yet.</p>'),
  );
}

function messagePage(m: MailboxMessage): string {
  const headers: Array<[string, string]> = [
    ['From', m.from],
    ['To', m.to],
    ['Reply-To', m.replyTo ?? '—'],
    ['Subject', m.subject],
    ['Message-ID', m.messageId],
    ['Received', m.receivedAt.toISOString()],
  ];
  return page(
    m.subject,
    `<p><a href="${DEV_MAILBOX_PATH}">← Dev mailbox</a> · <a href="${DEV_MAILBOX_PATH}/${m.number}.eml">Raw message</a></p>` +
      `<table>${headers.map(([k, v]) => `<tr><th>${k}</th><td>${escapeHtml(v)}</td></tr>`).join('')}</table>` +
      `<h2>HTML</h2><iframe title="The message's HTML part" sandbox="allow-popups allow-popups-to-escape-sandbox" src="${DEV_MAILBOX_PATH}/${m.number}/html"></iframe>` +
      `<h2>Plain text</h2><pre>${escapeHtml(m.text)}</pre>`,
  );
}

/**
 * /dev/mailbox, development and test only (app.ts never mounts it in production): what the dev mailbox received.
 * `/dev/mailbox` lists, `/dev/mailbox/<n>` shows one (headers, HTML in a sandboxed frame, text), `/<n>/html` is the HTML
 * part alone, `/<n>.eml` the raw message, and `/dev/mailbox/messages.json` the list for scripts.
 */
export function devMailboxRoute(mailbox: DevMailbox): PrefixRoute {
  return {
    methods: ['GET'],
    loggablePath: (path) => (/^\/dev\/mailbox(\/(\d{1,9}(\/html|\.eml)?|messages\.json))?$/.test(path) ? path : DEV_MAILBOX_PATH),
    async handle(req, res) {
      if (req.method !== 'GET') return sendJson(res, 405, { error: 'Method not allowed' }, { allow: 'GET' });
      const path = (req.url ?? '/').split(/[?#]/)[0].replace(/\/$/, '');
      if (path === DEV_MAILBOX_PATH) return send(res, 200, 'text/html', listPage(mailbox.list()));
      if (path === `${DEV_MAILBOX_PATH}/messages.json`) {
        return sendJson(res, 200, mailbox.list().map(({ raw: _raw, ...m }) => m), { 'cache-control': 'no-store' });
      }
      const match = /^\/dev\/mailbox\/(\d{1,9})(\/html|\.eml)?$/.exec(path);
      const message = match ? mailbox.get(Number(match[1])) : undefined;
      if (!message) return send(res, 404, 'text/html', page('Not found', `<p>No such message. <a href="${DEV_MAILBOX_PATH}">Dev mailbox</a></p>`));
      if (match![2] === '/html') return send(res, 200, 'text/html', message.html, MESSAGE_CSP);
      if (match![2] === '.eml') return send(res, 200, 'message/rfc822', message.raw);
      return send(res, 200, 'text/html', messagePage(message));
    },
  };
}
