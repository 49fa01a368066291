import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';

export enum PaymentStatus {
  SUCCEEDED = 'SUCCEEDED',
  PARTIALLY_REFUNDED = 'PARTIALLY_REFUNDED',
  REFUNDED = 'REFUNDED',
}
registerEnumType(PaymentStatus, { name: 'PaymentStatus' });

@ObjectType('Payment', { description: 'Money received for an invoice, as reported by the payment provider.' })
export class PaymentType {
  @Field(() => ID)
  id!: string;

  @Field(() => PaymentStatus)
  status!: PaymentStatus;

  @Field(() => Date)
  createdAt!: Date;

  @Field(() => ID)
  invoiceId!: string;
}

@ObjectType('PaymentEdge')
export class PaymentEdgeType {
  @Field(() => String)
  cursor!: string;

  @Field(() => PaymentType)
  node!: PaymentType;
}

@ObjectType('PageInfo')
export class PageInfoType {
  @Field(() => Boolean)
  hasNextPage!: boolean;

  @Field(() => String, { nullable: true })
  endCursor!: string | null;
}

@ObjectType('PaymentConnection')
export class PaymentConnectionType {
  @Field(() => [PaymentEdgeType])
  edges!: PaymentEdgeType[];

  @Field(() => PageInfoType)
  pageInfo!: PageInfoType;
}
