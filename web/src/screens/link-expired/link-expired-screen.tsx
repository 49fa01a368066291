import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, type Request } from '../../api/client';
import { RequestNewPaymentLinkDocument } from '../../graphql/generated';
import { useLocale } from '../../i18n/i18n';

type Step = { kind: 'offer' } | { kind: 'sending' } | { kind: 'sent' } | { kind: 'failed'; text: string };

/**
 * The link had expired (the server says so only to a link whose secret is right): offer a new one by email. The page
 * never learns whether one was sent, or to which address; it says what the server says to everyone.
 */
export function LinkExpiredScreen({ request }: { request: Request }) {
  const { messages: t } = useLocale();
  const heading = useRef<HTMLHeadingElement>(null);
  const [step, setStep] = useState<Step>({ kind: 'offer' });
  useEffect(() => heading.current?.focus(), []);

  async function requestNewLink() {
    setStep({ kind: 'sending' });
    try {
      await request(RequestNewPaymentLinkDocument, {});
      setStep({ kind: 'sent' });
    } catch (error) {
      const failure = error instanceof ApiError ? error.failure : null;
      setStep({ kind: 'failed', text: failure?.kind === 'rate_limited' ? t.rateLimitedText(failure.retryAfterSeconds) : t.newLinkFailed });
    }
  }

  return (
    <section class="card error-screen" aria-labelledby="error-heading">
      <h1 id="error-heading" tabIndex={-1} ref={heading}>
        {t.linkInvalidHeading}
      </h1>
      <p role="alert">{t.linkExpiredText}</p>
      {step.kind !== 'sent' && (
        <button type="button" class="button primary" onClick={requestNewLink} disabled={step.kind === 'sending'}>
          {step.kind === 'sending' ? t.newLinkSending : t.newLinkButton}
        </button>
      )}
      <p class={step.kind === 'failed' ? 'notice error' : 'notice success'} role="status">
        {step.kind === 'sent' ? t.newLinkSent : step.kind === 'failed' ? step.text : ''}
      </p>
    </section>
  );
}
