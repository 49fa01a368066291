import { Authorized, createParameterDecorator, Extensions, type AuthChecker, type MiddlewareFn } from 'type-graphql';
import { DomainError, forbidden, unauthenticated } from '../../domain/errors';
import type { AdminPrincipal, CustomerPrincipal } from '../../domain/principal';
import type { ApiContext } from '../context';

export type AccessRole = 'customer' | 'admin';

/**
 * Who may call a root field: a customer payment token or an admin API key.
 * Every Query and Mutation field must carry one; `denyUnmarkedRootFields` refuses any that does not.
 */
export function Access(role: AccessRole): MethodDecorator {
  return (target, key, descriptor) => {
    Authorized(role)(target, key, descriptor);
    Extensions({ access: role })(target, key, descriptor);
  };
}

export const authChecker: AuthChecker<ApiContext, AccessRole> = ({ context }, roles) => {
  const { principal } = context;
  if (principal.kind === 'anonymous') throw unauthenticated();
  if (!roles.includes(principal.kind)) throw forbidden(principal.kind === 'customer' ? 'A payment token cannot use admin fields.' : 'An admin key cannot use payment portal fields.');
  return true;
};

/** A new root field is denied until it is marked with @Access. */
export const denyUnmarkedRootFields: MiddlewareFn<ApiContext> = ({ info }, next) => {
  const isRoot = info.parentType === info.schema.getQueryType() || info.parentType === info.schema.getMutationType();
  if (isRoot && !info.parentType.getFields()[info.fieldName]?.extensions?.access) {
    throw new DomainError('FORBIDDEN', 'This field is not available.');
  }
  return next();
};

/** The customer the payment token belongs to. Only on fields marked @Access('customer'). */
export function CurrentCustomer() {
  return createParameterDecorator<ApiContext>(({ context }) => context.principal as CustomerPrincipal);
}

/** The admin key's principal (organization scope). Only on fields marked @Access('admin'). */
export function CurrentAdmin() {
  return createParameterDecorator<ApiContext>(({ context }) => context.principal as AdminPrincipal);
}
