import 'reflect-metadata';
import { specifiedDirectives, type GraphQLSchema } from 'graphql';
import { buildSchemaSync } from 'type-graphql';
import { printSchemaWithDirectives } from '@graphql-tools/utils';
import type { RateLimitBudgets } from '../config/config';
import { assertEveryRootFieldHasAccess, authChecker } from './auth/access';
import { applyRateLimitBudgets, rateLimitDirectiveDefinition } from './directives/rate-limit.directive';
import { AdminKeyResolver } from './resolvers/admin-key.resolver';
import { BalanceResolver } from './resolvers/balance.resolver';
import { BillingResolver } from './resolvers/billing.resolver';
import { EmailAdminResolver } from './resolvers/email-admin.resolver';
import { FreshLinkResolver } from './resolvers/fresh-link.resolver';
import { InvoiceResolver } from './resolvers/invoice.resolver';
import { PaymentHistoryResolver } from './resolvers/payment-history.resolver';
import { PaymentAdminResolver } from './resolvers/payment-admin.resolver';
import { PaymentLinkResolver } from './resolvers/payment-link.resolver';
import { PaymentMethodResolver } from './resolvers/payment-method.resolver';
import { PaymentResolver } from './resolvers/payment.resolver';
import { PaymentTokenResolver } from './resolvers/payment-token.resolver';

export const resolvers = [
  PaymentLinkResolver,
  FreshLinkResolver,
  InvoiceResolver,
  BalanceResolver,
  PaymentHistoryResolver,
  PaymentMethodResolver,
  PaymentResolver,
  PaymentTokenResolver,
  BillingResolver,
  AdminKeyResolver,
  PaymentAdminResolver,
  EmailAdminResolver,
] as const;

/**
 * The executable schema, code first. Rate limits are marked on the fields and their numbers filled in from
 * configuration here; the rate-limit transformer is applied by the server, which owns the limiter store.
 */
export function buildApiSchema(budgets: RateLimitBudgets): GraphQLSchema {
  const schema = buildSchemaSync({
    resolvers: [...resolvers],
    authChecker,
    authMode: 'error',
    directives: [...specifiedDirectives, rateLimitDirectiveDefinition],
    validate: { forbidUnknownValues: false },
  });
  return applyRateLimitBudgets(assertEveryRootFieldHasAccess(schema), budgets);
}

/** SDL with directives kept: what schema.graphql holds. */
export function printApiSchema(schema: GraphQLSchema): string {
  return printSchemaWithDirectives(schema) + '\n';
}
