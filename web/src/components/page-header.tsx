import { useEffect } from 'preact/hooks';
import type { PortalData } from '../app';
import { formatDate, useLocale, type Language } from '../i18n/i18n';

/** Who is asking to be paid, who pays, how to reach the business, and the language switch. */
export function PageHeader({ link, onLanguage }: { link: PortalData['paymentLink'] | null; onLanguage(language: Language): void }) {
  const { messages: t, tag, language } = useLocale();
  useEffect(() => {
    if (link) document.title = t.pageTitle(link.organization.name);
  }, [link, t]);
  return (
    <header class="page-header">
      <div class="header-row">
        <p class="organization">{link ? link.organization.name : '\u00a0'}</p>
        <nav class="languages" aria-label={t.language}>
          {(['en', 'fr'] as const).map((code) => (
            <button type="button" class="link-button" lang={code} aria-pressed={language === code} onClick={() => onLanguage(code)}>
              {code === 'en' ? 'English' : 'Français'}
            </button>
          ))}
        </nav>
      </div>
      {link && (
        <>
          <p class="request-from">{t.requestFrom(link.organization.name)}</p>
          <p class="billed-to">{t.billedTo(link.customer.name)}</p>
          {link.organization.supportEmail && (
            <p class="support">
              {t.supportContact} <a href={`mailto:${link.organization.supportEmail}`}>{link.organization.supportEmail}</a>
            </p>
          )}
          <p class="expires">{t.linkExpires(formatDate(link.expiresAt, tag))}</p>
        </>
      )}
    </header>
  );
}
