import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';

export enum PaymentTokenStatus {
  ACTIVE = 'ACTIVE',
  REVOKED = 'REVOKED',
  EXPIRED = 'EXPIRED',
}
registerEnumType(PaymentTokenStatus, { name: 'PaymentTokenStatus' });

@ObjectType('PaymentToken', { description: 'A customer payment link, without its secret.' })
export class PaymentTokenType {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  customerId!: string;

  @Field(() => ID, { nullable: true })
  invoiceId!: string | null;

  @Field(() => Date)
  createdAt!: Date;

  @Field(() => Date)
  expiresAt!: Date;

  @Field(() => Date, { nullable: true })
  revokedAt!: Date | null;

  @Field(() => Date, { nullable: true })
  lastUsedAt!: Date | null;

  @Field(() => String, { nullable: true })
  lastUsedIp!: string | null;

  @Field(() => Int)
  useCount!: number;
}

@ObjectType('GeneratedPaymentToken')
export class GeneratedPaymentTokenType {
  @Field(() => String, { description: 'The secret. Shown only in this response; it is stored as a hash.' })
  token!: string;

  @Field(() => String, { description: 'PORTAL_BASE_URL followed by the token: the link to send the customer.' })
  url!: string;

  @Field(() => PaymentTokenType)
  paymentToken!: PaymentTokenType;
}
