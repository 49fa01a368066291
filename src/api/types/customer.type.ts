import { Field, ID, ObjectType } from 'type-graphql';
import type { CustomerView } from '../../domain/views';

@ObjectType('Customer', { description: 'Someone the organization bills. Payment links are issued to a customer.' })
export class CustomerType {
  @Field(() => ID, { description: 'Pass to createInvoice, generateCustomerPaymentToken and customerPaymentTokens.' })
  id!: string;

  @Field(() => String, { description: 'The name shown on the payment page.' })
  name!: string;

  @Field(() => String, { nullable: true, description: 'Where the customer is reached; null when none was given.' })
  email!: string | null;

  @Field(() => String, { nullable: true, description: 'BCP 47 language tag to write to the customer in, canonical (e.g. "fr-CA"); null when unknown.' })
  locale!: string | null;

  @Field(() => String, { description: 'Lowercase ISO 4217 code every invoice of the customer is in, e.g. "usd".' })
  currency!: string;

  @Field(() => Date, { description: 'When the customer was created.' })
  createdAt!: Date;
}

export const customerType = (view: CustomerView): CustomerType => view;
