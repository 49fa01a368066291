/**
 * How customers and organizations are reached: email addresses and the language to write in. One set of rules for
 * every service that stores them (billing's customers, the operator's organizations).
 */
import { badInput } from './errors';
import { LIMITS } from './limits';

/** Trimmed; empty means none. Throws BAD_USER_INPUT naming `field`. */
export function optionalEmail(value: string | null | undefined, field: string): string | null {
  const email = value?.trim() || null;
  if (email && (email.length > LIMITS.email.max || !/^[^\s@]+@[^\s@]+$/.test(email))) throw badInput(`${field} is not a valid address.`, field);
  return email;
}

/**
 * A BCP 47 language tag in its canonical form ("fr-ca" is stored as "fr-CA"), so it can be handed to Intl and
 * compared as it is. Empty means none. Throws BAD_USER_INPUT naming `field`.
 */
export function optionalLocale(value: string | null | undefined, field: string): string | null {
  const tag = value?.trim() || null;
  if (!tag) return null;
  const invalid = () => badInput(`${field} must be a BCP 47 language tag such as "en" or "fr-CA".`, field);
  if (tag.length > LIMITS.locale.max) throw invalid();
  try {
    return Intl.getCanonicalLocales(tag)[0];
  } catch {
    throw invalid();
  }
}
