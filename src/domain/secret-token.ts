import { hash, randomBytes } from 'node:crypto';
import argon2 from 'argon2';

/**
 * Split tokens: `<prefix>_<selector>_<verifier>`.
 * - selector: 12 random bytes, hex. Not secret; it is the lookup key, so no row scan and no argon2 work for an unknown one.
 * - verifier: 32 random bytes (256 bits from the CSPRNG), base64url. Stored only as an argon2id hash.
 */
export type SecretKind = 'customer' | 'admin';

const PREFIX: Record<SecretKind, string> = { customer: 'cpt', admin: 'cak' };
const PATTERN = /^(cpt|cak)_([0-9a-f]{24})_([A-Za-z0-9_-]{43})$/;

export interface ParsedSecret {
  kind: SecretKind;
  selector: string;
  verifier: string;
}

export interface Argon2Params {
  memoryCost: number;
  timeCost: number;
  parallelism: number;
}

export interface IssuedSecret extends ParsedSecret {
  /** The whole secret, to hand to its owner once. */
  secret: string;
  verifierHash: string;
}

export async function issueSecret(kind: SecretKind, params: Argon2Params): Promise<IssuedSecret> {
  const selector = randomBytes(12).toString('hex');
  const verifier = randomBytes(32).toString('base64url');
  const verifierHash = await argon2.hash(verifier, { type: argon2.argon2id, ...params });
  return { kind, selector, verifier, verifierHash, secret: `${PREFIX[kind]}_${selector}_${verifier}` };
}

/** Parses a presented secret; null when it is not of our shape (malformed). */
export function parseSecret(raw: string): ParsedSecret | null {
  const match = PATTERN.exec(raw);
  if (!match) return null;
  return { kind: match[1] === 'cpt' ? 'customer' : 'admin', selector: match[2], verifier: match[3] };
}

/** argon2's verify compares in constant time. */
export async function verifySecret(verifierHash: string, verifier: string): Promise<boolean> {
  try {
    return await argon2.verify(verifierHash, verifier);
  } catch {
    return false;
  }
}

/**
 * Remembers secrets that verified recently, so repeat requests skip argon2.
 * Keys are SHA-256 digests of a per-process random salt and the secret: the cache never holds a secret or a hash
 * that anyone outside this process could compute. The digest is only a map key, never shown, so a one-shot hash serves
 * as well as an HMAC here, at a quarter of the CPU of building an Hmac object on every request.
 * An entry is bound to the row id and its stored hash, and the caller still loads the row every time,
 * so revocation and expiry hold on the very next request.
 */
export class VerifiedSecretCache {
  private readonly salt = randomBytes(32).toString('base64url');
  private readonly entries = new Map<string, { rowId: string; verifierHash: string; until: number }>();
  /** Verifications running now, so concurrent requests with one token (e.g. when its entry expires) share one argon2 run. */
  private readonly inflight = new Map<string, Promise<boolean>>();

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries = 10_000,
  ) {}

  /** This cache's key for a secret: a salted digest, so the secret itself is kept nowhere. */
  key(secret: string): string {
    return hash('sha256', `${this.salt}:${secret}`, 'base64url');
  }

  has(secret: string, rowId: string, verifierHash: string, now = Date.now()): boolean {
    const entry = this.entries.get(this.key(secret));
    return !!entry && entry.rowId === rowId && entry.verifierHash === verifierHash && entry.until > now;
  }

  /** True when the secret verifies against this row, running `verify` (argon2) at most once at a time per secret and row. */
  async verify(secret: string, rowId: string, verifierHash: string, verify: () => Promise<boolean>): Promise<boolean> {
    if (this.has(secret, rowId, verifierHash)) return true;
    const key = `${this.key(secret)}:${rowId}:${verifierHash}`;
    let running = this.inflight.get(key);
    if (!running) {
      running = verify().finally(() => this.inflight.delete(key));
      this.inflight.set(key, running);
    }
    const ok = await running;
    if (ok) this.remember(secret, rowId, verifierHash);
    return ok;
  }

  remember(secret: string, rowId: string, verifierHash: string, now = Date.now()): void {
    if (this.ttlMs <= 0) return;
    if (this.entries.size >= this.maxEntries) {
      // Map iteration is insertion order: drop the oldest entry.
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    this.entries.set(this.key(secret), { rowId, verifierHash, until: now + this.ttlMs });
  }
}
