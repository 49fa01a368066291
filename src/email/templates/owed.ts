import { formatDate, formatMoney, type EmailLanguage, type EmailLocale } from './email-locale';

/** What a link asks to be paid: one invoice, or the customer's whole account. */
export type Owed =
  | { kind: 'invoice'; invoiceNumber: string; amountDue: number; currency: string; dueAt: Date }
  | { kind: 'account'; totalOutstanding: number; currency: string; openInvoiceCount: number };

const LABELS: Record<EmailLanguage, { invoice: string; amountDue: string; dueDate: string; outstanding: string; openInvoices: string }> = {
  en: { invoice: 'Invoice', amountDue: 'Amount due', dueDate: 'Due date', outstanding: 'Balance outstanding', openInvoices: 'Open invoices' },
  fr: { invoice: 'Facture', amountDue: 'Montant dû', dueDate: 'Échéance', outstanding: 'Solde à payer', openInvoices: 'Factures ouvertes' },
};

/** The rows that say what is owed, for the link email and the messages that carry a new link. */
export function owedFacts(owed: Owed, locale: EmailLocale): Array<[string, string]> {
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
