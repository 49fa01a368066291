import { formatDateTime, type EmailLanguage, type EmailLocale } from './email-locale';
import { renderLayout, type EmailSender, type RenderedEmail } from './layout';
import { owedFacts, type Owed } from './owed';

export interface PaymentLinkEmail {
  locale: EmailLocale;
  sender: EmailSender;
  customerName: string;
  owed: Owed;
  /** The link with its token: the only secret any message carries. */
  url: string;
  expiresAt: Date;
}

const COPY: Record<EmailLanguage, {
  subject: (org: string, owed: Owed) => string;
  heading: string;
  greeting: (name: string) => string;
  intro: (org: string, owed: Owed) => string;
  action: string;
  expires: (when: string) => string;
}> = {
  en: {
    subject: (org, owed) => (owed.kind === 'invoice' ? `Invoice ${owed.invoiceNumber} from ${org}: pay online` : `Your account with ${org}: pay online`),
    heading: 'Your payment link',
    greeting: (name) => `Hello ${name},`,
    intro: (org, owed) => (owed.kind === 'invoice' ? `${org} sent you a link to view and pay invoice ${owed.invoiceNumber} online.` : `${org} sent you a link to view your account and pay your open invoices online.`),
    action: 'View and pay',
    expires: (when) => `This link is personal: do not forward it. It works until ${when}.`,
  },
  fr: {
    subject: (org, owed) => (owed.kind === 'invoice' ? `Facture ${owed.invoiceNumber} de ${org} : payer en ligne` : `Votre compte chez ${org} : payer en ligne`),
    heading: 'Votre lien de paiement',
    greeting: (name) => `Bonjour ${name},`,
    intro: (org, owed) => (owed.kind === 'invoice' ? `${org} vous envoie un lien pour consulter et payer la facture ${owed.invoiceNumber} en ligne.` : `${org} vous envoie un lien pour consulter votre compte et payer vos factures ouvertes en ligne.`),
    action: 'Consulter et payer',
    expires: (when) => `Ce lien vous est personnel : ne le transférez pas. Il fonctionne jusqu’au ${when}.`,
  },
};

/** The payment link: who asks, what is owed, the link, and until when it works. */
export function renderPaymentLinkEmail(email: PaymentLinkEmail): RenderedEmail {
  const copy = COPY[email.locale.language];
  const org = email.sender.organizationName;
  return renderLayout(email.locale, email.sender, {
    subject: copy.subject(org, email.owed),
    heading: copy.heading,
    blocks: [
      { type: 'paragraph', text: copy.greeting(email.customerName) },
      { type: 'paragraph', text: copy.intro(org, email.owed) },
      { type: 'facts', rows: owedFacts(email.owed, email.locale) },
      { type: 'action', label: copy.action, url: email.url, note: copy.expires(formatDateTime(email.expiresAt, email.locale)) },
    ],
  });
}
