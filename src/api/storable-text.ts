/**
 * Text the database cannot keep is refused at the API boundary, once for every field. PostgreSQL refuses a NUL
 * character outright (an internal error once it reaches a query), and both drivers silently replace an unpaired
 * UTF-16 surrogate with U+FFFD, so what was stored would not be what was sent. Neither has a use in any field, so
 * an operation carrying one anywhere (a string literal, a variable, however deep in input objects and lists) is
 * refused as BAD_USER_INPUT before any resolver runs. Kept here, beside the result boundary, because it decides
 * what a client is told; the server installs it as an Apollo plugin.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import { BREAK, GraphQLError, Kind, visit, type ASTNode, type DocumentNode } from 'graphql';

/** A NUL, a high surrogate not followed by a low one, or a low surrogate not preceded by a high one. */
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export function isStorableText(text: string): boolean {
  return !UNSTORABLE.test(text);
}

/** Where an operation carries unstorable text: a variable's path (`$input.lineItems[0].description`) or a literal. */
export type UnstorableText = { variable: string } | { literal: ASTNode };

/**
 * The document's first unstorable literal, found once per document: Apollo keeps one parsed DocumentNode per query
 * text, and walking every document on every request was a visible share of a request's CPU.
 */
const literalsChecked = new WeakMap<DocumentNode, ASTNode | null>();

function unstorableLiteral(document: DocumentNode): ASTNode | null {
  if (literalsChecked.has(document)) return literalsChecked.get(document)!;
  let literal: ASTNode | null = null;
  visit(document, {
    [Kind.STRING]: (node) => {
      if (isStorableText(node.value)) return undefined;
      literal = node;
      return BREAK;
    },
  });
  literalsChecked.set(document, literal);
  return literal;
}

/** The first unstorable string of the document's literals, then of the variables; null when there is none. */
export function findUnstorableText(document: DocumentNode, variables: Readonly<Record<string, unknown>> | undefined): UnstorableText | null {
  const literal = unstorableLiteral(document);
  if (literal) return { literal };
  for (const [name, value] of Object.entries(variables ?? {})) {
    const path = unstorablePath(value, `$${name}`);
    if (path) return { variable: path };
  }
  return null;
}

function unstorablePath(value: unknown, path: string): string | null {
  if (typeof value === 'string') return isStorableText(value) ? null : path;
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) {
      const found = unstorablePath(item, `${path}[${index}]`);
      if (found) return found;
    }
    return null;
  }
  if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      const found = unstorablePath(item, `${path}.${key}`);
      if (found) return found;
    }
  }
  return null;
}

export const UNSTORABLE_TEXT_MESSAGE = 'contains a character that cannot be stored (a NUL, or an unpaired UTF-16 surrogate).';

/** Refuses an operation carrying unstorable text with BAD_USER_INPUT (HTTP 400), naming where without echoing it. */
export function storableTextPlugin<TContext extends object>(): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, request }) {
          const found = findUnstorableText(document, request.variables);
          if (!found) return;
          const extensions = { code: 'BAD_USER_INPUT', http: { status: 400 } };
          if ('variable' in found) throw new GraphQLError(`Variable "${found.variable}" ${UNSTORABLE_TEXT_MESSAGE}`, { extensions });
          throw new GraphQLError(`A string ${UNSTORABLE_TEXT_MESSAGE}`, { nodes: found.literal, extensions });
        },
      };
    },
  };
}
