import { formatDate, formatDateTime, formatMoney, type EmailLanguage, type EmailLocale } from './email-locale';
import type { EmailBlock } from './layout';

/** What a link asks to be paid: one invoice, or the customer's whole account. */
export type Owed =
  | { kind: 'invoice'; invoiceNumber: string; amountDue: number; currency: string; dueAt: Date }
  | { kind: 'account'; totalOutstanding: number; currency: string; openInvoiceCount: number };

const LABELS: Record<EmailLanguage, { invoice: string; amountDue: string; dueDate: string; outstanding: string; openInvoices: string }> = {
  en: { invoice: 'Invoice', amountDue: 'Amount due', dueDate: 'Due date', outstanding: 'Balance outstanding', openInvoices: 'Open invoices' },
  fr: { invoice: 'Facture', amountDue: 'Montant dû', dueDate: 'Échéance', outstanding: 'Solde à payer', openInvoices: 'Factures ouvertes' },
};

/** The rows that say what is owed. */
function owedFacts(owed: Owed, locale: EmailLocale): Array<[string, string]> {
  const l = LABELS[locale.language];
  if (owed.kind === 'invoice') {
    return [
      [l.invoice, owed.invoiceNumber],
      [l.amountDue, formatMoney(owed.amountDue, owed.currency, locale)],
      [l.dueDate, formatDate(owed.dueAt, locale)],
    ];
  }
  return [
    [l.outstanding, formatMoney(owed.totalOutstanding, owed.currency, locale)],
    [l.openInvoices, String(owed.openInvoiceCount)],
  ];
}

/** The words every message carrying a link shares. */
const LINK_COPY: Record<EmailLanguage, { greeting: (name: string) => string; action: string; expires: (when: string) => string }> = {
  en: {
    greeting: (name) => `Hello ${name},`,
    action: 'View and pay',
    expires: (when) => `This link is personal: do not forward it. It works until ${when}.`,
  },
  fr: {
    greeting: (name) => `Bonjour ${name},`,
    action: 'Consulter et payer',
    expires: (when) => `Ce lien vous est personnel : ne le transférez pas. Il fonctionne jusqu’au ${when}.`,
  },
};

/** A message that carries a payment link: to whom, what is owed, the link and until when it works. */
export interface LinkEmail {
  locale: EmailLocale;
  customerName: string;
  owed: Owed;
  /** The link with its token: the only secret any message carries. */
  url: string;
  expiresAt: Date;
}

/**
 * The body of the link email and of the messages that carry a new link: the greeting, `intro` (why this message),
 * what is owed, the link with until when it works, then `after`.
 */
export function linkBlocks(email: LinkEmail, intro: string, after: EmailBlock[] = []): EmailBlock[] {
  const copy = LINK_COPY[email.locale.language];
  return [
    { type: 'paragraph', text: copy.greeting(email.customerName) },
    { type: 'paragraph', text: intro },
    { type: 'facts', rows: owedFacts(email.owed, email.locale) },
    { type: 'action', label: copy.action, url: email.url, note: copy.expires(formatDateTime(email.expiresAt, email.locale)) },
    ...after,
  ];
}
