import type { ReissuedLinkEmail } from '../link-reissue';
import type { EmailLanguage } from './email-locale';
import { renderLayout, type RenderedEmail } from './layout';
import { linkBlocks, type Owed } from './owed';

const COPY: Record<EmailLanguage, {
  subject: (org: string) => string;
  heading: string;
  intro: (org: string, owed: Owed) => string;
  notYou: string;
}> = {
  en: {
    subject: (org) => `Your new payment link from ${org}`,
    heading: 'Your new payment link',
    intro: (org, owed) =>
      owed.kind === 'invoice'
        ? `Your link to pay invoice ${owed.invoiceNumber} had expired, so here is a new one from ${org}.`
        : `Your link to your account with ${org} had expired, so here is a new one.`,
    notYou: 'Someone opened your expired link and asked for this new one. If it was not you, you can ignore this message: the new link was sent only to you.',
  },
  fr: {
    subject: (org) => `Votre nouveau lien de paiement de ${org}`,
    heading: 'Votre nouveau lien de paiement',
    intro: (org, owed) =>
      owed.kind === 'invoice'
        ? `Votre lien pour payer la facture ${owed.invoiceNumber} avait expiré ; voici un nouveau lien de ${org}.`
        : `Votre lien vers votre compte chez ${org} avait expiré ; en voici un nouveau.`,
    notYou: 'Quelqu’un a ouvert votre lien expiré et a demandé ce nouveau lien. Si ce n’était pas vous, vous pouvez ignorer ce message : le nouveau lien n’a été envoyé qu’à vous.',
  },
};

/** A new link, asked for from the payment page by the holder of an expired one: what is owed, the link, its expiry. */
export function renderFreshLinkEmail(email: ReissuedLinkEmail): RenderedEmail {
  const copy = COPY[email.locale.language];
  const org = email.sender.organizationName;
  return renderLayout(email.locale, email.sender, {
    subject: copy.subject(org),
    heading: copy.heading,
    blocks: linkBlocks(email, copy.intro(org, email.owed), [{ type: 'paragraph', text: copy.notYou }]),
  });
}
