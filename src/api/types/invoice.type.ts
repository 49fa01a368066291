import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';

export enum InvoiceStatus {
  OPEN = 'OPEN',
  PAID = 'PAID',
  VOID = 'VOID',
}
registerEnumType(InvoiceStatus, { name: 'InvoiceStatus' });

@ObjectType('Invoice')
export class InvoiceType {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  number!: string;

  @Field(() => InvoiceStatus)
  status!: InvoiceStatus;

  @Field(() => String)
  currency!: string;

  @Field(() => Date)
  issuedAt!: Date;

  @Field(() => Date)
  dueAt!: Date;
}

@ObjectType('InvoiceLineItem')
export class InvoiceLineItemType {
  @Field(() => String)
  description!: string;

  @Field(() => Int)
  quantity!: number;
}

@ObjectType('Balance', { description: "What the token's customer owes across open invoices." })
export class BalanceType {
  @Field(() => Int)
  openInvoiceCount!: number;
}
