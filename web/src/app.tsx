import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { ApiError, createClient, type ApiFailure } from './api/client';
import { ErrorScreen } from './components/error-screen';
import { PageHeader } from './components/page-header';
import type { PortalConfig } from './config';
import { MoreInvoicesDocument, OlderPaymentsDocument, PortalHomeDocument, type PortalHomeQuery } from './graphql/generated';
import { LocaleContext, switchLanguage, type Language, type Locale } from './i18n/i18n';
import { AccountScreen } from './screens/home/account-screen';
import { InvoiceScreen } from './screens/invoice/invoice-screen';
import { LinkExpiredScreen } from './screens/link-expired/link-expired-screen';
import type { TokenFromAddress } from './token';

export type PortalData = PortalHomeQuery;
export type InvoiceNode = PortalData['invoices']['edges'][number]['node'];
export type PaymentNode = PortalData['paymentHistory']['edges'][number]['node'];
export type CardNode = PortalData['paymentMethods'][number];

// Ten fit a phone screen, and keep the first view well inside the server's query cost limit (tests/security/query-cost).
const INVOICES_PAGE = 10;
const HISTORY_PAGE = 5;

type Phase = { kind: 'loading' } | { kind: 'failed'; failure: ApiFailure } | { kind: 'ready'; data: PortalData };

/** Which screen of an account-wide link is open; kept in history.state so Back returns to the list. */
type View = { kind: 'account' } | { kind: 'invoice'; id: string };

export interface PortalActions {
  /** Reads everything again (after a payment or a card change), keeping the screen. */
  refresh(): Promise<PortalData | null>;
  /** A failure no screen can handle on its own (the link stopped working): the whole page shows it. */
  fail(failure: ApiFailure): void;
  openInvoice(id: string): void;
  backToAccount(): void;
  moreInvoices(): Promise<void>;
  olderPayments(): Promise<void>;
}

export function App({ link, config, initialLocale }: { link: TokenFromAddress; config: PortalConfig; initialLocale: Locale }) {
  const [locale, setLocale] = useState(initialLocale);
  useEffect(() => {
    document.documentElement.lang = locale.tag;
  }, [locale]);
  const changeLanguage = (language: Language) => {
    const next = switchLanguage(locale, language);
    setLocale(next);
    // Remembered in the address (not in storage), so a reload keeps it; the fragment with the secret stays as it is.
    const url = new URL(window.location.href);
    url.searchParams.set('lang', next.tag);
    window.history.replaceState(window.history.state, '', `${url.pathname}${url.search}${url.hash}`);
  };
  return (
    <LocaleContext.Provider value={locale}>
      {link.kind === 'token' ? (
        <Portal token={link.token} config={config} onLanguage={changeLanguage} />
      ) : (
        <div class="page">
          <main id="main">
            <ErrorScreen failure={{ kind: 'unauthenticated' }} />
          </main>
        </div>
      )}
    </LocaleContext.Provider>
  );
}

function Portal({ token, config, onLanguage }: { token: string; config: PortalConfig; onLanguage(language: Language): void }) {
  const request = useMemo(() => createClient(config.apiUrl, token), [config.apiUrl, token]);
  const [phase, setPhase] = useState<Phase>({ kind: 'loading' });
  const [view, setView] = useState<View>(() => (window.history.state?.view as View | undefined) ?? { kind: 'account' });
  const dataRef = useRef<PortalData | null>(null);

  const fail = useCallback((failure: ApiFailure) => setPhase({ kind: 'failed', failure }), []);
  const apply = (data: PortalData) => {
    dataRef.current = data;
    setPhase({ kind: 'ready', data });
  };

  const load = useCallback(async (): Promise<PortalData | null> => {
    try {
      const data = await request(PortalHomeDocument, { invoicesFirst: INVOICES_PAGE, historyFirst: HISTORY_PAGE });
      apply(data);
      return data;
    } catch (error) {
      fail(error instanceof ApiError ? error.failure : { kind: 'unexpected', reference: 'page' });
      return null;
    }
  }, [request, fail]);

  useEffect(() => {
    void load();
    const onPop = (event: PopStateEvent) => setView((event.state?.view as View | undefined) ?? { kind: 'account' });
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, [load]);

  const actions: PortalActions = {
    refresh: load,
    fail,
    openInvoice(id) {
      const next: View = { kind: 'invoice', id };
      window.history.pushState({ view: next }, '');
      setView(next);
    },
    backToAccount() {
      if (window.history.state?.view?.kind === 'invoice') window.history.back();
      else setView({ kind: 'account' });
    },
    async moreInvoices() {
      const current = dataRef.current;
      if (!current?.invoices.pageInfo.endCursor) return;
      try {
        const { invoices } = await request(MoreInvoicesDocument, { first: INVOICES_PAGE, after: current.invoices.pageInfo.endCursor });
        apply({ ...current, invoices: { edges: [...current.invoices.edges, ...invoices.edges], pageInfo: invoices.pageInfo } });
      } catch (error) {
        fail(error instanceof ApiError ? error.failure : { kind: 'unexpected', reference: 'invoices' });
      }
    },
    async olderPayments() {
      const current = dataRef.current;
      if (!current?.paymentHistory.pageInfo.endCursor) return;
      try {
        const { paymentHistory } = await request(OlderPaymentsDocument, { first: HISTORY_PAGE, after: current.paymentHistory.pageInfo.endCursor });
        apply({ ...current, paymentHistory: { edges: [...current.paymentHistory.edges, ...paymentHistory.edges], pageInfo: paymentHistory.pageInfo } });
      } catch (error) {
        fail(error instanceof ApiError ? error.failure : { kind: 'unexpected', reference: 'history' });
      }
    },
  };

  const data = phase.kind === 'ready' ? phase.data : null;
  const boundInvoiceId = data?.paymentLink.invoiceId ?? null;
  const invoiceId = boundInvoiceId ?? (view.kind === 'invoice' ? view.id : null);
  const invoice = invoiceId ? data?.invoices.edges.find((edge) => edge.node.id === invoiceId)?.node : undefined;

  return (
    <div class="page">
      <PageHeader link={data?.paymentLink ?? null} onLanguage={onLanguage} />
      <main id="main">
        {phase.kind === 'loading' && <Loading />}
        {phase.kind === 'failed' &&
          (phase.failure.kind === 'link_expired' ? (
            <LinkExpiredScreen request={request} />
          ) : (
            <ErrorScreen failure={phase.failure} onRetry={() => (setPhase({ kind: 'loading' }), void load())} />
          ))}
        {data &&
          (invoice ? (
            <InvoiceScreen
              key={invoice.id}
              invoice={invoice}
              data={data}
              bound={!!boundInvoiceId}
              request={request}
              config={config}
              actions={actions}
            />
          ) : (
            <AccountScreen data={data} actions={actions} request={request} config={config} />
          ))}
      </main>
    </div>
  );
}

function Loading() {
  return (
    <p class="loading" role="status">
      <LocaleContext.Consumer>{(locale) => locale.messages.loading}</LocaleContext.Consumer>
    </p>
  );
}
