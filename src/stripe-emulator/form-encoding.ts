/** A decoded Stripe request: nested objects and arrays of strings, as Stripe's bracket encoding allows. */
export type FormValue = string | FormValue[] | { [key: string]: FormValue };
/** Decoded request parameters, keyed by top-level parameter name. */
export type FormParams = { [key: string]: FormValue };

/**
 * Decodes Stripe's `application/x-www-form-urlencoded` bracket encoding
 * (`metadata[k]=v`, `expand[]=x`, `expand[0]=x`, `a[b][c]=v`) into nested values.
 */
export function decodeStripeForm(body: string): FormParams {
  const root: FormParams = {};
  for (const [rawKey, value] of new URLSearchParams(body)) {
    const match = /^([^[\]]+)((?:\[[^\]]*\])*)$/.exec(rawKey);
    if (!match) continue;
    const path = [match[1], ...[...match[2].matchAll(/\[([^\]]*)\]/g)].map((m) => m[1])];
    let node: { [key: string]: FormValue } | FormValue[] = root;
    for (let i = 0; i < path.length; i++) {
      const key = path[i];
      const last = i === path.length - 1;
      // Metadata keys are free-form, so `metadata[0]` must stay an object key rather than an index.
      const nextIsIndex = !last && /^\d*$/.test(path[i + 1]) && path[0] !== 'metadata';
      const child: FormValue = last ? value : nextIsIndex ? [] : {};
      if (Array.isArray(node)) {
        const index = key === '' ? node.length : Number(key);
        if (last) node[index] = child;
        else node = (node[index] ??= child) as typeof node;
      } else if (last) {
        node[key] = child;
      } else {
        node = (node[key] ??= child) as typeof node;
      }
    }
  }
  return root;
}
