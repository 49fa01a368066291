import { brandName, formatDate, formatMoney, type EmailLanguage, type EmailLocale } from './email-locale';
import { renderLayout, type EmailSender, type RenderedEmail } from './layout';

export interface RefundNoticeEmail {
  locale: EmailLocale;
  sender: EmailSender;
  customerName: string;
  invoiceNumber: string;
  /** The receipt number of the payment refunded. */
  receiptNumber: string;
  amount: number;
  currency: string;
  cardBrand: string | null;
  cardLast4: string | null;
  refundedAt: Date;
}

const COPY: Record<EmailLanguage, {
  subject: (org: string, invoice: string) => string;
  heading: string;
  greeting: (name: string) => string;
  intro: (org: string, amount: string, invoice: string) => string;
  amount: string;
  invoice: string;
  receipt: string;
  card: string;
  cardValue: (brand: string, last4: string) => string;
  date: string;
  delay: string;
}> = {
  en: {
    subject: (org, invoice) => `Refund from ${org} for invoice ${invoice}`,
    heading: 'Refund on its way',
    greeting: (name) => `Hello ${name},`,
    intro: (org, amount, invoice) => `${org} refunded ${amount} of your payment for invoice ${invoice}.`,
    amount: 'Amount refunded',
    invoice: 'Invoice',
    receipt: 'Payment receipt number',
    card: 'Refunded to',
    cardValue: (brand, last4) => `${brand} ending in ${last4}`,
    date: 'Date',
    delay: 'Depending on your bank, the money may take 5 to 10 business days to appear on your statement.',
  },
  fr: {
    subject: (org, invoice) => `Remboursement de ${org} pour la facture ${invoice}`,
    heading: 'Remboursement en cours',
    greeting: (name) => `Bonjour ${name},`,
    intro: (org, amount, invoice) => `${org} a remboursé ${amount} de votre paiement pour la facture ${invoice}.`,
    amount: 'Montant remboursé',
    invoice: 'Facture',
    receipt: 'Numéro de reçu du paiement',
    card: 'Remboursé sur',
    cardValue: (brand, last4) => `${brand} se terminant par ${last4}`,
    date: 'Date',
    delay: 'Selon votre banque, l’argent peut prendre de 5 à 10 jours ouvrables pour apparaître sur votre relevé.',
  },
};

/** A refund notice: what was given back, for which payment, to which card. No link and no secret. */
export function renderRefundNoticeEmail(email: RefundNoticeEmail): RenderedEmail {
  const copy = COPY[email.locale.language];
  const amount = formatMoney(email.amount, email.currency, email.locale);
  const rows: Array<[string, string]> = [
    [copy.amount, amount],
    [copy.invoice, email.invoiceNumber],
    [copy.receipt, email.receiptNumber],
  ];
  if (email.cardLast4) rows.push([copy.card, copy.cardValue(brandName(email.cardBrand) || '•', email.cardLast4)]);
  rows.push([copy.date, formatDate(email.refundedAt, email.locale)]);
  return renderLayout(email.locale, email.sender, {
    subject: copy.subject(email.sender.organizationName, email.invoiceNumber),
    heading: copy.heading,
    blocks: [
      { type: 'paragraph', text: copy.greeting(email.customerName) },
      { type: 'paragraph', text: copy.intro(email.sender.organizationName, amount, email.invoiceNumber) },
      { type: 'facts', rows },
      { type: 'paragraph', text: copy.delay },
    ],
  });
}
