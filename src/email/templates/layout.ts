import type { EmailLanguage, EmailLocale } from './email-locale';

/** A message ready to send: what the outbox stores (encrypted) and the sender hands to SMTP. */
export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
}

/** Who the message is from, as the customer knows them. */
export interface EmailSender {
  organizationName: string;
  /** Where the customer may write; also the message's Reply-To. */
  supportEmail: string | null;
}

/** The parts a message is made of; each is written as HTML and as plain text. */
export type EmailBlock =
  | { type: 'paragraph'; text: string }
  /** Label and value pairs: an invoice's number, an amount, a card. */
  | { type: 'facts'; rows: Array<[label: string, value: string]> }
  /** The one thing to do: a link, shown as a button and, in full, as text to copy. */
  | { type: 'action'; label: string; url: string; note?: string };

export interface EmailContent {
  subject: string;
  /** The first line, in large type. */
  heading: string;
  blocks: EmailBlock[];
}

const FOOTER: Record<EmailLanguage, { sentBy: (org: string) => string; questions: (email: string) => string; noReply: string }> = {
  en: {
    sentBy: (org) => `This message was sent by ${org} about your account.`,
    questions: (email) => `Questions? Write to ${email}.`,
    noReply: 'Questions? Reply to the sender of your invoice.',
  },
  fr: {
    sentBy: (org) => `Ce message vous est envoyé par ${org} au sujet de votre compte.`,
    questions: (email) => `Des questions ? Écrivez à ${email}.`,
    noReply: 'Des questions ? Répondez à l’expéditeur de votre facture.',
  },
};

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** Header values must be one line: a name with a line break cannot add headers of its own. */
const oneLine = (value: string) => value.replace(/[\r\n]+/g, ' ').trim();

/**
 * Every message's frame, HTML and plain text from the same content: the organization's name on top, the content, and
 * a footer saying who sent it and where to write. Inline styles only, no remote images, no tracking pixels, nothing
 * loaded from anywhere: what arrives is all there is.
 */
export function renderLayout(locale: EmailLocale, sender: EmailSender, content: EmailContent): RenderedEmail {
  const footer = FOOTER[locale.language];
  const footerLines = [footer.sentBy(sender.organizationName), sender.supportEmail ? footer.questions(sender.supportEmail) : footer.noReply];

  const text = [
    sender.organizationName,
    '',
    content.heading,
    '',
    ...content.blocks.flatMap((block) => [...blockText(block, locale.language), '']),
    '--',
    ...footerLines,
    '',
  ].join('\n');

  const html = `<!DOCTYPE html>
<html lang="${escapeHtml(locale.tag)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(content.subject)}</title>
</head>
<body style="margin:0;padding:0;background:#f4f5f7;">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="background:#f4f5f7;">
<tr><td align="center" style="padding:24px 12px;">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="max-width:560px;background:#ffffff;border-radius:8px;font-family:-apple-system,'Segoe UI',Roboto,Helvetica,Arial,sans-serif;color:#1f2933;font-size:16px;line-height:1.5;">
<tr><td style="padding:24px 28px 0;font-size:14px;color:#52606d;font-weight:600;">${escapeHtml(sender.organizationName)}</td></tr>
<tr><td style="padding:8px 28px 0;"><h1 style="margin:0;font-size:22px;line-height:1.3;color:#1f2933;">${escapeHtml(content.heading)}</h1></td></tr>
${content.blocks.map(blockHtml).join('\n')}
<tr><td style="padding:24px 28px 28px;font-size:13px;color:#7b8794;border-top:1px solid #e4e7eb;">${footerLines.map(escapeHtml).join('<br>')}</td></tr>
</table>
</td></tr>
</table>
</body>
</html>
`;
  return { subject: oneLine(content.subject), text, html };
}

/** French puts a (non-breaking) space before a colon. */
const COLON: Record<EmailLanguage, string> = { en: ':', fr: '\u00a0:' };

function blockText(block: EmailBlock, language: EmailLanguage): string[] {
  switch (block.type) {
    case 'paragraph':
      return [block.text];
    case 'facts':
      return block.rows.map(([label, value]) => `${label}${COLON[language]} ${value}`);
    case 'action':
      return [`${block.label}${COLON[language]}`, block.url, ...(block.note ? ['', block.note] : [])];
  }
}

function blockHtml(block: EmailBlock): string {
  switch (block.type) {
    case 'paragraph':
      return `<tr><td style="padding:16px 28px 0;">${escapeHtml(block.text)}</td></tr>`;
    case 'facts':
      return (
        `<tr><td style="padding:16px 28px 0;"><table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="border-collapse:collapse;">` +
        block.rows
          .map(
            ([label, value]) =>
              `<tr><td style="padding:6px 0;color:#52606d;border-bottom:1px solid #e4e7eb;">${escapeHtml(label)}</td>` +
              `<td style="padding:6px 0;text-align:right;font-weight:600;border-bottom:1px solid #e4e7eb;">${escapeHtml(value)}</td></tr>`,
          )
          .join('') +
        `</table></td></tr>`
      );
    case 'action':
      return (
        `<tr><td style="padding:24px 28px 0;"><a href="${escapeHtml(block.url)}" style="display:inline-block;background:#1f5fbf;color:#ffffff;text-decoration:none;font-weight:600;padding:12px 20px;border-radius:6px;">${escapeHtml(block.label)}</a></td></tr>` +
        `<tr><td style="padding:12px 28px 0;font-size:13px;color:#52606d;word-break:break-all;">${escapeHtml(block.url)}</td></tr>` +
        (block.note ? `<tr><td style="padding:12px 28px 0;font-size:14px;color:#52606d;">${escapeHtml(block.note)}</td></tr>` : '')
      );
  }
}
