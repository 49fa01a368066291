import type { GraphQLSchema } from 'graphql';
import { Authorized, createParameterDecorator, Extensions, type AuthChecker } from 'type-graphql';
import { forbidden, linkExpired, unauthenticated } from '../../domain/errors';
import type { AdminPrincipal, CustomerPrincipal } from '../../domain/principal';
import type { ApiContext } from '../context';

/**
 * `expiredLink`: a field for the holder of an expired payment link, which answers every caller the same way (whoever
 * it is, nothing is refused and nothing is told); it acts only for a genuine expired link (`principal.expiredLink`).
 */
export type AccessRole = 'customer' | 'admin' | 'expiredLink';

/**
 * Who may call a root field: a customer payment token, an admin API key, or (answered alike for everyone) the holder
 * of an expired payment link. Every Query and Mutation field must carry one; `assertEveryRootFieldHasAccess` refuses a
 * schema that has one without.
 */
export function Access(role: AccessRole): MethodDecorator {
  return (target, key, descriptor) => {
    if (role !== 'expiredLink') Authorized(role)(target, key, descriptor);
    Extensions({ access: role })(target, key, descriptor);
  };
}

export const authChecker: AuthChecker<ApiContext, AccessRole> = ({ context, info }, roles) => {
  const { principal } = context;
  // Only a link whose secret verified can be answered LINK_EXPIRED; any other miss is the one UNAUTHENTICATED.
  if (principal.kind === 'anonymous') throw principal.expiredLink ? linkExpired() : unauthenticated();
  if (!roles.includes(principal.kind)) throw forbidden(principal.kind === 'customer' ? 'A payment token cannot use admin fields.' : 'An admin key cannot use payment portal fields.');
  // A principal let in ahead of its check may read beside it, but a mutation acts only once the check agrees.
  if (context.confirmed && info.parentType.name === 'Mutation') return confirmedOrRefused(context.confirmed);
  return true;
};

async function confirmedOrRefused(confirmed: Promise<boolean>): Promise<boolean> {
  if (!(await confirmed)) throw unauthenticated();
  return true;
}

/**
 * Fails closed at start-up: a root field without @Access stops the schema from being built. (Checked once here
 * rather than by a global middleware, which type-graphql would wrap around every field of every response.)
 */
export function assertEveryRootFieldHasAccess(schema: GraphQLSchema): GraphQLSchema {
  const unmarked = [schema.getQueryType(), schema.getMutationType()].flatMap((type) =>
    type ? Object.values(type.getFields()).filter((field) => !field.extensions?.access).map((field) => `${type.name}.${field.name}`) : [],
  );
  if (unmarked.length) throw new Error(`Root fields without @Access: ${unmarked.join(', ')}`);
  return schema;
}

/** The customer the payment token belongs to. Only on fields marked @Access('customer'). */
export function CurrentCustomer() {
  return createParameterDecorator<ApiContext>(({ context }) => context.principal as CustomerPrincipal);
}

/** Whoever is asking, as resolved from the Authorization header. For fields marked @Access('expiredLink'). */
export function CurrentPrincipal() {
  return createParameterDecorator<ApiContext>(({ context }) => context.principal);
}

/** The admin key's principal (organization scope). Only on fields marked @Access('admin'). */
export function CurrentAdmin() {
  return createParameterDecorator<ApiContext>(({ context }) => context.principal as AdminPrincipal);
}
