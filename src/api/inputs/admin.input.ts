import { ArrayMaxSize, ArrayMinSize, IsBoolean, IsEmail, IsInt, IsOptional, Length, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { Field, ID, InputType, Int } from 'type-graphql';
import type { NewCustomer, NewInvoice, NewLineItem } from '../../domain/billing.service';
import { LIMITS } from '../../domain/limits';
import type { PaymentLinkIssue } from '../../domain/payment-token.service';

const { idLength, paymentLinkDays, customerName, invoiceNumber, lineItems, lineItemDescription, lineItemQuantity } = LIMITS;

@InputType({ description: 'A payment link to issue.' })
export class GenerateCustomerPaymentTokenInput implements PaymentLinkIssue {
  @Field(() => ID, { description: 'A customer of your organization.' })
  @Length(idLength.min, idLength.max)
  customerId!: string;

  @Field(() => ID, { nullable: true, description: 'Bind the link to one invoice: the customer then sees only that invoice.' })
  @IsOptional()
  @Length(idLength.min, idLength.max)
  invoiceId?: string | null;

  @Field(() => Int, {
    nullable: true,
    description: `Days until the link expires, ${paymentLinkDays.min} to ${paymentLinkDays.max}. Defaults to PAYMENT_TOKEN_LIFETIME_DAYS.`,
  })
  @IsOptional()
  @IsInt()
  @Min(paymentLinkDays.min)
  @Max(paymentLinkDays.max)
  expiresInDays?: number | null;

  @Field(() => Boolean, {
    nullable: true,
    description:
      "Also email the link to the customer's address, in their locale, queued with the link in one transaction (see customerEmails). " +
      'CustomerHasNoEmailError or EmailNotConfiguredError, and no link, when it cannot be sent.',
  })
  @IsOptional()
  @IsBoolean()
  sendEmail?: boolean | null;
}

@InputType({ description: 'A customer to create.' })
export class CreateCustomerInput implements NewCustomer {
  @Field(() => String, { description: `The name shown on the payment page, ${customerName.min} to ${customerName.max} characters.` })
  @Length(customerName.min, customerName.max)
  name!: string;

  @Field(() => String, { nullable: true, description: 'Where the customer is reached, if known.' })
  @IsOptional()
  @IsEmail()
  @MaxLength(LIMITS.email.max)
  email?: string | null;

  @Field(() => String, {
    nullable: true,
    description: `The language to write to the customer in, a BCP 47 tag such as "fr-CA" (at most ${LIMITS.locale.max} characters); stored in canonical form.`,
  })
  @IsOptional()
  @MaxLength(LIMITS.locale.max)
  locale?: string | null;

  @Field(() => String, { nullable: true, description: 'Currency of all the customer\'s invoices, ISO 4217 (e.g. "usd"). Default "usd".' })
  @IsOptional()
  @Matches(/^[A-Za-z]{3}$/)
  currency?: string | null;
}

@InputType({ description: 'One line of a new invoice.' })
export class InvoiceLineItemInput implements NewLineItem {
  @Field(() => String, { description: `What was sold, ${lineItemDescription.min} to ${lineItemDescription.max} characters.` })
  @Length(lineItemDescription.min, lineItemDescription.max)
  description!: string;

  @Field(() => Int, { description: `How many units, ${lineItemQuantity.min} to ${lineItemQuantity.max}.` })
  @IsInt()
  @Min(lineItemQuantity.min)
  @Max(lineItemQuantity.max)
  quantity!: number;

  @Field(() => Int, { description: "The price of one unit in minor units (cents) of the customer's currency, 0 or more." })
  @IsInt()
  @Min(0)
  unitAmount!: number;
}

@InputType({ description: 'An invoice to create, open and payable.' })
export class CreateInvoiceInput implements NewInvoice {
  @Field(() => ID, { description: 'A customer of your organization; the invoice is in their currency.' })
  @Length(idLength.min, idLength.max)
  customerId!: string;

  @Field(() => String, { nullable: true, description: `Unique within the organization, up to ${invoiceNumber.max} characters; generated when omitted.` })
  @IsOptional()
  @Length(invoiceNumber.min, invoiceNumber.max)
  number?: string | null;

  @Field(() => Date, { nullable: true, description: 'Defaults to now.' })
  @IsOptional()
  issuedAt?: Date | null;

  @Field(() => Date, { nullable: true, description: `On or after issuedAt. Defaults to ${LIMITS.defaultDaysToPay} days after issuedAt.` })
  @IsOptional()
  dueAt?: Date | null;

  @Field(() => [InvoiceLineItemInput], {
    description: `${lineItems.min} to ${lineItems.max} lines; the total must be ${LIMITS.invoiceTotal.min} to ${LIMITS.invoiceTotal.max} minor units, and at least the payment provider's minimum charge in the customer's currency (an invoice below it could never be paid online).`,
  })
  @ArrayMinSize(lineItems.min)
  @ArrayMaxSize(lineItems.max)
  @ValidateNested()
  lineItems!: InvoiceLineItemInput[];
}
