import type { EmailLanguage } from './email-locale';
import { renderLayout, type EmailSender, type RenderedEmail } from './layout';
import { linkBlocks, type LinkEmail, type Owed } from './owed';

export interface PaymentLinkEmail extends LinkEmail {
  sender: EmailSender;
}

const COPY: Record<EmailLanguage, {
  subject: (org: string, owed: Owed) => string;
  heading: string;
  intro: (org: string, owed: Owed) => string;
}> = {
  en: {
    subject: (org, owed) => (owed.kind === 'invoice' ? `Invoice ${owed.invoiceNumber} from ${org}: pay online` : `Your account with ${org}: pay online`),
    heading: 'Your payment link',
    intro: (org, owed) => (owed.kind === 'invoice' ? `${org} sent you a link to view and pay invoice ${owed.invoiceNumber} online.` : `${org} sent you a link to view your account and pay your open invoices online.`),
  },
  fr: {
    subject: (org, owed) => (owed.kind === 'invoice' ? `Facture ${owed.invoiceNumber} de ${org} : payer en ligne` : `Votre compte chez ${org} : payer en ligne`),
    heading: 'Votre lien de paiement',
    intro: (org, owed) => (owed.kind === 'invoice' ? `${org} vous envoie un lien pour consulter et payer la facture ${owed.invoiceNumber} en ligne.` : `${org} vous envoie un lien pour consulter votre compte et payer vos factures ouvertes en ligne.`),
  },
};

/** The payment link: who asks, what is owed, the link, and until when it works. */
export function renderPaymentLinkEmail(email: PaymentLinkEmail): RenderedEmail {
  const copy = COPY[email.locale.language];
  const org = email.sender.organizationName;
  return renderLayout(email.locale, email.sender, {
    subject: copy.subject(org, email.owed),
    heading: copy.heading,
    blocks: linkBlocks(email, copy.intro(org, email.owed)),
  });
}
