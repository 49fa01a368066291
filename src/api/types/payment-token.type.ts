import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { PAYMENT_LINK_FAILURES, type PaymentLinkOutcome } from '../../domain/payment-token.service';
import { PaymentTokenStatus, type PaymentTokenView } from '../../domain/views';
import { resultUnion } from '../result-boundary';
import { QueuedEmailType } from './email.type';

registerEnumType(PaymentTokenStatus, {
  name: 'PaymentTokenStatus',
  description: 'Whether a payment link still opens.',
  valuesConfig: {
    ACTIVE: { description: 'It works until expiresAt.' },
    REVOKED: { description: 'An admin revoked it: it no longer works.' },
    EXPIRED: { description: 'Past expiresAt: it no longer works.' },
  },
});

@ObjectType('PaymentToken', { description: 'A customer payment link, without its secret.' })
export class PaymentTokenType {
  @Field(() => ID, { description: 'Pass to revokeCustomerPaymentToken.' })
  id!: string;

  @Field(() => ID, { description: 'The customer the link is for.' })
  customerId!: string;

  @Field(() => ID, { nullable: true, description: 'The one invoice the link is bound to; null when it shows all of the customer\'s invoices.' })
  invoiceId!: string | null;

  @Field(() => PaymentTokenStatus, { description: 'Whether the link still works.' })
  status!: PaymentTokenStatus;

  @Field(() => Date, { description: 'When the link was issued.' })
  createdAt!: Date;

  @Field(() => Date, { description: 'When the link stops working.' })
  expiresAt!: Date;

  @Field(() => Date, { nullable: true, description: 'When it was revoked; null while it was not.' })
  revokedAt!: Date | null;

  @Field(() => Date, { nullable: true, description: 'Its last use, written up to TOKEN_USAGE_FLUSH_MS after it; null before the first.' })
  lastUsedAt!: Date | null;

  @Field(() => String, { nullable: true, description: 'The client address of its last use; null before the first.' })
  lastUsedIp!: string | null;

  @Field(() => Int, { description: 'How many requests it has authenticated, written up to TOKEN_USAGE_FLUSH_MS after them.' })
  useCount!: number;
}

@ObjectType('GeneratedPaymentToken', { description: 'A payment link just issued: the only time its secret is shown.' })
export class GeneratedPaymentTokenType {
  @Field(() => String, { description: 'The secret. Shown only in this response; it is stored as a hash.' })
  token!: string;

  @Field(() => String, { description: 'PORTAL_BASE_URL followed by the token: the link to send the customer.' })
  url!: string;

  @Field(() => PaymentTokenType, { description: 'The link as customerPaymentTokens will list it.' })
  paymentToken!: PaymentTokenType;

  @Field(() => QueuedEmailType, { nullable: true, description: 'With sendEmail: the link email, queued with the link (see customerEmails); null without.' })
  email!: QueuedEmailType | null;
}

export const GenerateCustomerPaymentTokenResult = resultUnion<PaymentLinkOutcome>()(
  'GenerateCustomerPaymentTokenResult',
  'The link issued (and, with sendEmail, its email queued), or why no link was issued.',
  {
    issued: {
      type: GeneratedPaymentTokenType,
      outcome: 'link_issued',
      view: ({ token, url, paymentToken, email }) => ({ token, url, paymentToken: paymentTokenType(paymentToken), email }),
    },
  },
  PAYMENT_LINK_FAILURES,
);

export const paymentTokenType = (view: PaymentTokenView): PaymentTokenType => view;
