import { brandName, formatDate, formatMoney, type EmailLanguage, type EmailLocale } from './email-locale';
import { renderLayout, type EmailSender, type RenderedEmail } from './layout';

export interface ReceiptEmail {
  locale: EmailLocale;
  sender: EmailSender;
  customerName: string;
  /** The payment's own reference, quoted to the business when asking about it. */
  receiptNumber: string;
  invoiceNumber: string;
  amount: number;
  currency: string;
  cardBrand: string | null;
  cardLast4: string | null;
  paidAt: Date;
  /** What the invoice still asks for after this payment. */
  remaining: number;
}

const COPY: Record<EmailLanguage, {
  subject: (org: string, invoice: string) => string;
  heading: string;
  greeting: (name: string) => string;
  intro: (amount: string, invoice: string) => string;
  receipt: string;
  invoice: string;
  amount: string;
  card: string;
  cardValue: (brand: string, last4: string) => string;
  date: string;
  remaining: string;
  paidInFull: string;
  keep: string;
}> = {
  en: {
    subject: (org, invoice) => `Receipt from ${org} for invoice ${invoice}`,
    heading: 'Payment received',
    greeting: (name) => `Hello ${name},`,
    intro: (amount, invoice) => `We received your payment of ${amount} for invoice ${invoice}. Thank you.`,
    receipt: 'Receipt number',
    invoice: 'Invoice',
    amount: 'Amount paid',
    card: 'Card',
    cardValue: (brand, last4) => `${brand} ending in ${last4}`,
    date: 'Date',
    remaining: 'Remaining balance',
    paidInFull: 'This invoice is now paid in full.',
    keep: 'Keep this email as your receipt.',
  },
  fr: {
    subject: (org, invoice) => `Reçu de ${org} pour la facture ${invoice}`,
    heading: 'Paiement reçu',
    greeting: (name) => `Bonjour ${name},`,
    intro: (amount, invoice) => `Nous avons reçu votre paiement de ${amount} pour la facture ${invoice}. Merci.`,
    receipt: 'Numéro de reçu',
    invoice: 'Facture',
    amount: 'Montant payé',
    card: 'Carte',
    cardValue: (brand, last4) => `${brand} se terminant par ${last4}`,
    date: 'Date',
    remaining: 'Solde restant',
    paidInFull: 'Cette facture est maintenant entièrement payée.',
    keep: 'Conservez ce courriel comme reçu.',
  },
};

/** A receipt: no link and no secret, only what was paid, with what, when, and what is left. */
export function renderReceiptEmail(email: ReceiptEmail): RenderedEmail {
  const copy = COPY[email.locale.language];
  const amount = formatMoney(email.amount, email.currency, email.locale);
  const rows: Array<[string, string]> = [
    [copy.receipt, email.receiptNumber],
    [copy.invoice, email.invoiceNumber],
    [copy.amount, amount],
  ];
  if (email.cardLast4) rows.push([copy.card, copy.cardValue(brandName(email.cardBrand) || '•', email.cardLast4)]);
  rows.push([copy.date, formatDate(email.paidAt, email.locale)], [copy.remaining, formatMoney(email.remaining, email.currency, email.locale)]);
  return renderLayout(email.locale, email.sender, {
    subject: copy.subject(email.sender.organizationName, email.invoiceNumber),
    heading: copy.heading,
    blocks: [
      { type: 'paragraph', text: copy.greeting(email.customerName) },
      { type: 'paragraph', text: copy.intro(amount, email.invoiceNumber) },
      { type: 'facts', rows },
      { type: 'paragraph', text: email.remaining === 0 ? `${copy.paidInFull} ${copy.keep}` : copy.keep },
    ],
  });
}
