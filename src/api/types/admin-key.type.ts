/** The GraphQL face of an organization's admin API keys: the key without its secret, and revoking one's result. */
import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { ADMIN_KEY_REVOCATION_FAILURES, type AdminKeyRevocationOutcome } from '../../domain/organization.service';
import { AdminApiKeyStatus, type AdminApiKeyView } from '../../domain/views';
import { resultUnion } from '../result-boundary';

registerEnumType(AdminApiKeyStatus, {
  name: 'AdminApiKeyStatus',
  description: 'Whether an admin API key still works.',
  valuesConfig: {
    ACTIVE: { description: 'It works (until expiresAt, when it has one).' },
    REVOKED: { description: 'It was revoked: it no longer works.' },
    EXPIRED: { description: 'Past expiresAt: it no longer works.' },
  },
});

@ObjectType('AdminApiKey', { description: "One of your organization's admin API keys, without its secret." })
export class AdminApiKeyType {
  @Field(() => ID, { description: 'Pass to revokeAdminApiKey.' })
  id!: string;

  @Field(() => String, { description: 'What the operator who created it called it, e.g. "billing-sync".' })
  name!: string;

  @Field(() => AdminApiKeyStatus, { description: 'Whether the key still works.' })
  status!: AdminApiKeyStatus;

  @Field(() => Date, { description: 'When the key was created.' })
  createdAt!: Date;

  @Field(() => Date, { nullable: true, description: 'When the key stops working; null for a key that never expires.' })
  expiresAt!: Date | null;

  @Field(() => Date, { nullable: true, description: 'When it was revoked; null while it was not.' })
  revokedAt!: Date | null;

  @Field(() => Date, { nullable: true, description: 'Its last use, written up to TOKEN_USAGE_FLUSH_MS after it; null before the first.' })
  lastUsedAt!: Date | null;

  @Field(() => Boolean, { description: 'True for the key this request was made with.' })
  current!: boolean;
}

export const adminApiKeyType = (view: AdminApiKeyView): AdminApiKeyType => view;

export const RevokeAdminApiKeyResult = resultUnion<AdminKeyRevocationOutcome>()(
  'RevokeAdminApiKeyResult',
  'The revoked key, or what revoking it would cost when that needs confirming.',
  { revoked: { type: AdminApiKeyType, outcome: 'admin_key_revoked', view: ({ key }) => adminApiKeyType(key) } },
  ADMIN_KEY_REVOCATION_FAILURES,
);
