import type { ReissuedLinkEmail } from '../link-reissue';
import { formatDateTime, type EmailLanguage } from './email-locale';
import { renderLayout, type RenderedEmail } from './layout';
import { linkBlocks, type Owed } from './owed';

const COPY: Record<EmailLanguage, {
  subject: (org: string, owed: Owed) => string;
  heading: string;
  intro: (org: string, owed: Owed, oldExpiry: string) => string;
  paidAlready: string;
}> = {
  en: {
    subject: (org, owed) => (owed.kind === 'invoice' ? `Reminder: invoice ${owed.invoiceNumber} from ${org} is still unpaid` : `Reminder: your balance with ${org}`),
    heading: 'A reminder about your payment',
    intro: (org, owed, oldExpiry) =>
      owed.kind === 'invoice'
        ? `Invoice ${owed.invoiceNumber} from ${org} is still unpaid, and the link we sent you stops working on ${oldExpiry}. Here is a new link to view and pay it.`
        : `Your account with ${org} still has a balance, and the link we sent you stops working on ${oldExpiry}. Here is a new link to view and pay it.`,
    paidAlready: 'If you have paid in the meantime, thank you, and please ignore this reminder.',
  },
  fr: {
    subject: (org, owed) => (owed.kind === 'invoice' ? `Rappel : la facture ${owed.invoiceNumber} de ${org} reste à payer` : `Rappel : votre solde chez ${org}`),
    heading: 'Un rappel au sujet de votre paiement',
    intro: (org, owed, oldExpiry) =>
      owed.kind === 'invoice'
        ? `La facture ${owed.invoiceNumber} de ${org} reste à payer, et le lien que nous vous avons envoyé cessera de fonctionner le ${oldExpiry}. Voici un nouveau lien pour la consulter et la payer.`
        : `Votre compte chez ${org} présente un solde, et le lien que nous vous avons envoyé cessera de fonctionner le ${oldExpiry}. Voici un nouveau lien pour le consulter et le payer.`,
    paidAlready: 'Si vous avez payé entre-temps, merci, et ne tenez pas compte de ce rappel.',
  },
};

/** The reminder before an emailed link expires unpaid: what is owed, a new link (the old one still works), its expiry. */
export function renderReminderEmail(email: ReissuedLinkEmail): RenderedEmail {
  const copy = COPY[email.locale.language];
  const org = email.sender.organizationName;
  return renderLayout(email.locale, email.sender, {
    subject: copy.subject(org, email.owed),
    heading: copy.heading,
    blocks: linkBlocks(email, copy.intro(org, email.owed, formatDateTime(email.oldExpiresAt, email.locale)), [{ type: 'paragraph', text: copy.paidAlready }]),
  });
}
