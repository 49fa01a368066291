import { useEffect, useRef, useState } from 'preact/hooks';
import type { ApiFailure } from '../api/client';
import { useLocale } from '../i18n/i18n';

/** A whole-page failure, in words a customer understands: never a stack trace, never a blank page. */
export function ErrorScreen({ failure, onRetry }: { failure: ApiFailure; onRetry?: () => void }) {
  const { messages: t } = useLocale();
  const heading = useRef<HTMLHeadingElement>(null);
  const seconds = useCountdown(failure.kind === 'rate_limited' ? failure.retryAfterSeconds : 0);
  useEffect(() => heading.current?.focus(), [failure]);
  // Back online: try again by itself.
  useEffect(() => {
    if (failure.kind !== 'offline' || !onRetry) return;
    window.addEventListener('online', onRetry);
    return () => window.removeEventListener('online', onRetry);
  }, [failure, onRetry]);

  const [title, text] = (() => {
    switch (failure.kind) {
      case 'unauthenticated':
      case 'link_expired':
      case 'not_found':
        return [t.linkInvalidHeading, t.linkInvalidText];
      case 'rate_limited':
        return [t.rateLimitedHeading, t.rateLimitedText(seconds)];
      case 'provider_unavailable':
        return [t.providerDownHeading, t.providerDownText];
      case 'offline':
        return [t.offlineHeading, t.offlineText];
      case 'unexpected':
        return [t.unexpectedHeading, t.unexpectedText(failure.reference)];
    }
  })();
  const retryable = onRetry && failure.kind !== 'unauthenticated' && failure.kind !== 'link_expired' && failure.kind !== 'not_found';
  return (
    <section class="card error-screen" aria-labelledby="error-heading">
      <h1 id="error-heading" tabIndex={-1} ref={heading}>
        {title}
      </h1>
      <p role="alert">{text}</p>
      {retryable && (
        <button type="button" class="button primary" onClick={onRetry} disabled={failure.kind === 'rate_limited' && seconds > 0}>
          {t.retry}
        </button>
      )}
    </section>
  );
}

function useCountdown(from: number): number {
  const [left, setLeft] = useState(from);
  useEffect(() => {
    setLeft(from);
    if (from <= 0) return;
    const timer = setInterval(() => setLeft((s) => (s <= 1 ? (clearInterval(timer), 0) : s - 1)), 1000);
    return () => clearInterval(timer);
  }, [from]);
  return left;
}
