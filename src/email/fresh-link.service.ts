import type { Db } from '../db/database';
import type { Principal, RequestMeta } from '../domain/principal';
import { EmailKind } from './email-outbox';
import type { LinkReissuer, ReissueOutcome } from './link-reissue';
import { renderFreshLinkEmail } from './templates/fresh-link.template';

/** What every request for a new link is told, whatever happened. */
export const NEW_PAYMENT_LINK_REQUESTED = 'If this link had expired and an email address is on file, a new link is on its way to it.';

/** At most one new link per expired link in this time, however often it is asked for. */
export const FRESH_LINK_INTERVAL_MS = 10 * 60_000;

/**
 * A customer whose payment link expired asks for a new one by email. Only a genuine expired link (its secret verified,
 * not revoked: `principal.expiredLink`) gets anything, and at most once per link per FRESH_LINK_INTERVAL_MS; every other
 * request (a live, revoked, mistyped or unknown link, no credential, a customer without an email, the per-link budget
 * spent, email off) ends the same way, and the caller answers them all alike. The new link goes only to the email on
 * file, never to an address the request names, so holding an old link is never enough to read the account.
 */
export class FreshLinkService {
  constructor(
    private readonly db: Db,
    private readonly reissuer: LinkReissuer,
  ) {}

  async request(principal: Principal, meta: RequestMeta, now = new Date()): Promise<ReissueOutcome> {
    const expired = principal.kind === 'anonymous' ? principal.expiredLink : undefined;
    if (!expired) return { sent: false, reason: 'NOT_AN_EXPIRED_LINK' };
    const old = await this.db.customerPaymentToken.findUnique({ where: { id: expired.tokenId } });
    if (!old || old.revokedAt || old.expiresAt > now) return { sent: false, reason: 'NOT_AN_EXPIRED_LINK' };
    // Checked first without a lock, so that a spent budget costs no argon2; checked again under the lock.
    if (await this.reissuedRecently(this.db, old.id, now)) return { sent: false, reason: 'RECENTLY_REISSUED' };
    return this.reissuer.reissue(
      {
        old,
        kind: EmailKind.FRESH_LINK,
        dedupeKey: `fresh-link:${old.id}:${meta.requestId}`,
        render: renderFreshLinkEmail,
        stillWanted: async (tx, at) => ((await this.reissuedRecently(tx, old.id, at)) ? 'RECENTLY_REISSUED' : null),
        audit: { actorType: 'PAYMENT_TOKEN', actorId: old.id, ip: meta.ip, reason: 'FRESH_LINK_REQUESTED' },
      },
      now,
    );
  }

  /** A new link replaced this one (by this request or a reminder) less than FRESH_LINK_INTERVAL_MS ago. */
  private async reissuedRecently(db: Pick<Db, 'customerPaymentToken'>, tokenId: string, now: Date): Promise<boolean> {
    const since = new Date(now.getTime() - FRESH_LINK_INTERVAL_MS);
    return !!(await db.customerPaymentToken.findFirst({ where: { reissuedFromId: tokenId, createdAt: { gt: since } }, select: { id: true } }));
  }
}
