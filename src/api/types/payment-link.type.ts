import { Field, ID, ObjectType } from 'type-graphql';
import type { OrganizationView, PaymentLinkView } from '../../domain/views';
import { CustomerType, customerType } from './customer.type';

@ObjectType('Organization', { simpleResolvers: true, description: 'The business asking to be paid, as its customers see it.' })
export class OrganizationType {
  @Field(() => String, { description: 'Its name, to show at the top of the payment page.' })
  name!: string;

  @Field(() => String, { nullable: true, description: 'Where customers write about a bill; null when the business gave none.' })
  supportEmail!: string | null;
}

@ObjectType('PaymentLink', { simpleResolvers: true, description: 'What a payment link opens: who asks to be paid, whom, and until when the link works.' })
export class PaymentLinkType {
  @Field(() => OrganizationType, { description: 'The business that sent the link.' })
  organization!: OrganizationType;

  @Field(() => CustomerType, { description: 'The customer the link was sent to.' })
  customer!: CustomerType;

  @Field(() => ID, { nullable: true, description: 'Set when the link is bound to one invoice: invoice and invoices then show only that one. Null for an account-wide link.' })
  invoiceId!: string | null;

  @Field(() => Date, { description: 'When the link stops working.' })
  expiresAt!: Date;
}

const organizationType = (view: OrganizationView): OrganizationType => ({ name: view.name, supportEmail: view.supportEmail });

export function paymentLinkType(view: PaymentLinkView): PaymentLinkType {
  return { organization: organizationType(view.organization), customer: customerType(view.customer), invoiceId: view.invoiceId, expiresAt: view.expiresAt };
}
