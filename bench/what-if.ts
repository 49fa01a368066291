/**
 * Measurements of candidate fixes, applied to a running portal server from outside src/ so their gain can be
 * sized before anyone changes the code. None of this is a configuration of the server; the benchmark's
 * byte-identical body check still holds for every variant.
 */
import type { PortalServer } from './portal-server';

export interface WhatIf {
  /** Skip the token-usage UPDATE and audit INSERT that authentication writes in one transaction per request. */
  skipTokenUsageWrite?: boolean;
}

export function describeWhatIf(whatIf: WhatIf): string {
  return [whatIf.skipTokenUsageWrite && 'no per-request token-usage write (UPDATE + audit INSERT)'].filter(Boolean).join(' + ');
}

/**
 * Applies the what-ifs to a started server. On the portal page's read path the only array transaction is
 * authentication's usage write, so answering array transactions with `[]` skips exactly it (the statement count
 * of the variant shows what is left).
 */
export function applyWhatIf(server: PortalServer, whatIf: WhatIf): void {
  if (whatIf.skipTokenUsageWrite) {
    const prisma = server.app.database.prisma as unknown as { $transaction: (arg: unknown, ...rest: unknown[]) => Promise<unknown> };
    const original = prisma.$transaction.bind(prisma);
    prisma.$transaction = (arg, ...rest) => (Array.isArray(arg) ? Promise.resolve([]) : original(arg, ...rest));
  }
}
