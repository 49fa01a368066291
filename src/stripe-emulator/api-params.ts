/**
 * Reading Stripe's request parameters as Stripe does (malformed values refused with `param` naming the field), and
 * shaping list responses and `expand[]`: shared by the emulator's route tables.
 *
 * Why here: stripe-mock cannot be downloaded here and keeps no state, so the emulator answers Stripe's API itself.
 */
import type Stripe from 'stripe';
import type { FormParams } from './form-encoding';
import { checkCurrency } from './currencies';
import { invalidRequest, missingParam, resourceMissing, throwError } from './stripe-api-error';
import type { MetadataPatch } from './stripe-objects';

/** Handles one Stripe API route; `id` is the path's `:id`. */
export type RouteHandler = (params: FormParams, id: string, apiVersion: string) => object;

// Parameter readers: like Stripe, malformed values are rejected with `param` naming the field.
export const str = (p: FormParams, key: string): string | undefined => {
  if (p[key] === undefined || typeof p[key] === 'string') return p[key] as string | undefined;
  throw invalidRequest(`Invalid string: ${JSON.stringify(p[key])}`, key);
};
export const required = (p: FormParams, key: string): string => str(p, key) || throwError(missingParam(key));
/** An empty value unsets a field, as the SDK encodes `null`. */
export const nullable = (p: FormParams, key: string): string | null => (p[key] === '' ? null : str(p, key) ?? null);
export const int = (p: FormParams, key: string): number | undefined => {
  const value = str(p, key);
  if (value !== undefined && !/^-?\d+$/.test(value)) throw invalidRequest(`Invalid integer: ${value}`, key, 'parameter_invalid_integer');
  return value === undefined ? undefined : Number(value);
};
export const bool = (p: FormParams, key: string): boolean | undefined => {
  const value = str(p, key);
  if (value !== undefined && value !== 'true' && value !== 'false') throw invalidRequest(`Invalid boolean: ${value}`, key);
  return value === undefined ? undefined : value === 'true';
};
export const hash = (p: FormParams, key: string): Record<string, string> | undefined => {
  const value = p[key];
  if (value === undefined || value === '') return undefined;
  if (typeof value === 'object' && !Array.isArray(value) && Object.values(value).every((v) => typeof v === 'string')) return value as Record<string, string>;
  throw invalidRequest('Invalid hash', key);
};
export const metadata = (p: FormParams): MetadataPatch | undefined => (p.metadata === '' ? '' : hash(p, 'metadata'));
export const strings = (p: FormParams, key: string): string[] | undefined =>
  p[key] === undefined ? undefined : [p[key]].flat().filter((v): v is string => typeof v === 'string');
export const offSession = (p: FormParams): boolean | undefined => (['one_off', 'recurring'].includes(p.off_session as string) || bool(p, 'off_session'));

/** Stripe rejects parameters it does not know; the emulator also rejects the ones it does not implement. */
export function allow(p: FormParams, ...keys: string[]): FormParams {
  const unknown = Object.keys(p).find((key) => key !== 'expand' && !keys.includes(key));
  if (unknown) throw invalidRequest(`Received unknown parameter: ${unknown} (the Stripe emulator implements a subset of Stripe's parameters)`, unknown, 'parameter_unknown');
  return p;
}

/** The `currency` parameter, lowercased, or Stripe's refusal of a currency it does not support. */
export function currencyParam(p: FormParams): string | undefined {
  const currency = str(p, 'currency');
  return currency === undefined ? undefined : checkCurrency(currency);
}

/** The integer at `key` (a number in a JSON body, or digits in a form), for the control API. */
export function controlInt(p: Record<string, unknown>, key: string): number | undefined {
  const value = p[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'number' ? Number.isInteger(value) : typeof value === 'string' && /^-?\d+$/.test(value)) return Number(value);
  throw invalidRequest(`Invalid integer: ${JSON.stringify(value)}`, key, 'parameter_invalid_integer');
}

/** Stripe's list envelope over newest-first items, paginated with `limit` and `starting_after`. */
export function list<T extends { id: string }>(url: string, items: T[], p: FormParams): Stripe.ApiList<T> {
  const limit = int(p, 'limit') ?? 10;
  if (limit < 1 || limit > 100) throw invalidRequest(`This value must be between 1 and 100 (it currently is ${limit}).`, 'limit');
  const after = str(p, 'starting_after');
  const start = after === undefined ? 0 : items.findIndex((item) => item.id === after) + 1;
  if (start === 0 && after !== undefined) throw resourceMissing('object', after, 'starting_after');
  return { object: 'list', url, has_more: start + limit < items.length, data: items.slice(start, start + limit) };
}

/** Replaces ids at `expand[]` paths (`latest_charge`, `data.customer`, ...) in a response with the objects. */
export function expand(body: object, paths: string[], lookup: (id: string) => object | undefined): void {
  const walk = (target: unknown, [head, ...rest]: string[], path: string): void => {
    if (Array.isArray(target)) return target.forEach((item) => walk(item, [head, ...rest], path));
    const record = target as Record<string, unknown>;
    if (!record || typeof record !== 'object' || !(head in record)) throw invalidRequest(`This property cannot be expanded (${path}).`, 'expand');
    if (typeof record[head] === 'string') record[head] = structuredClone(lookup(record[head] as string)) ?? record[head];
    if (rest.length > 0 && record[head] !== null) walk(record[head], rest, path);
  };
  paths.forEach((path) => walk(body, path.split('.'), path));
}

/** API version 2026-09-30.endive replaced `payment_method_types` with `allowed_payment_method_types` (stripe-node 23.0.0 changelog). */
const ALLOWED_TYPES_SINCE = '2026-09-30';

/** The intent's payment method types, from whichever parameter the request's API version has; the emulator can only pay by card. */
export function paymentMethodTypes(p: FormParams, apiVersion: string): { allowed_payment_method_types: string[] | null; payment_method_types: string[] } | undefined {
  const allowed = strings(p, 'allowed_payment_method_types');
  if (p.payment_method_types !== undefined && apiVersion >= ALLOWED_TYPES_SINCE) {
    throw invalidRequest(`Received unknown parameter: payment_method_types. API version ${apiVersion} uses allowed_payment_method_types instead.`, 'payment_method_types', 'parameter_unknown');
  }
  const types = allowed ?? strings(p, 'payment_method_types');
  if (types && !types.includes('card')) throw invalidRequest(`The Stripe emulator supports only card payments, not ${types.join(', ')}.`, allowed ? 'allowed_payment_method_types' : 'payment_method_types');
  return types && { allowed_payment_method_types: allowed ?? null, payment_method_types: ['card'] };
}

