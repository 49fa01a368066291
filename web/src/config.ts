/** Settings the server injects into the page (never baked into the build): see src/server's payment page route. */
export interface PortalConfig {
  /** Stripe's publishable key (pk_…): the only key the browser ever holds. */
  publishableKey: string;
  /** Where Stripe.js is loaded from: js.stripe.com, or the local Stripe emulator in development and tests. */
  stripeJsUrl: string;
  /** The GraphQL endpoint. */
  apiUrl: string;
}

export function readConfig(doc: Document): PortalConfig {
  const content = doc.querySelector('meta[name="portal-config"]')?.getAttribute('content');
  let parsed: Partial<PortalConfig> = {};
  try {
    parsed = content ? JSON.parse(content) : {};
  } catch {
    // A broken setting shows up as card payments being unavailable, not as a blank page.
  }
  return { publishableKey: parsed.publishableKey ?? '', stripeJsUrl: parsed.stripeJsUrl ?? '', apiUrl: parsed.apiUrl ?? '/graphql' };
}
