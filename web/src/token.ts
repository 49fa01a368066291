/**
 * The payment link's secret. New links carry it in the fragment (`/pay#cpt_…`), which browsers never send to a
 * server or put in a Referer. Links issued before that carry it in the path (`/pay/cpt_…`): the page moves it into
 * the fragment at once, replacing the history entry, so the path with the secret leaves the address bar and the
 * history. It is kept nowhere else (no storage, no cookie) and sent only in the Authorization header.
 */
const TOKEN_SHAPE = /^cpt_[0-9a-f]{24}_[A-Za-z0-9_-]{43}$/;

export type TokenFromAddress = { kind: 'token'; token: string } | { kind: 'missing' } | { kind: 'malformed' };

export function tokenFromAddress(location: Pick<Location, 'pathname' | 'search' | 'hash'>, history: Pick<History, 'replaceState'>): TokenFromAddress {
  const legacy = /^\/pay\/([^/]+)\/?$/.exec(location.pathname)?.[1];
  if (legacy) history.replaceState(null, '', `/pay${location.search}#${legacy}`);
  const raw = legacy ?? location.hash.replace(/^#/, '');
  let token: string;
  try {
    token = decodeURIComponent(raw).trim();
  } catch {
    return { kind: 'malformed' };
  }
  if (!token) return { kind: 'missing' };
  return TOKEN_SHAPE.test(token) ? { kind: 'token', token } : { kind: 'malformed' };
}
