import { ArrayMaxSize, ArrayMinSize, IsEmail, IsInt, IsOptional, Length, Matches, Max, Min, ValidateNested } from 'class-validator';
import { Field, ID, InputType, Int } from 'type-graphql';

@InputType()
export class GenerateCustomerPaymentTokenInput {
  @Field(() => ID)
  @Length(1, 64)
  customerId!: string;

  @Field(() => ID, { nullable: true, description: 'Bind the link to one invoice: the customer then sees only that invoice.' })
  @IsOptional()
  @Length(1, 64)
  invoiceId?: string | null;

  @Field(() => Int, { nullable: true, description: 'Days until the link expires, 1 to 90. Defaults to PAYMENT_TOKEN_LIFETIME_DAYS.' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(90)
  expiresInDays?: number | null;
}

@InputType()
export class CreateCustomerInput {
  @Field(() => String)
  @Length(1, 200)
  name!: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsEmail()
  email?: string | null;

  @Field(() => String, { nullable: true, description: 'Currency of all the customer\'s invoices. Default "usd".' })
  @IsOptional()
  @Matches(/^[A-Za-z]{3}$/)
  currency?: string | null;
}

@InputType()
export class InvoiceLineItemInput {
  @Field(() => String)
  @Length(1, 500)
  description!: string;

  @Field(() => Int)
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  quantity!: number;

  @Field(() => Int, { description: 'Minor units.' })
  @IsInt()
  @Min(0)
  unitAmount!: number;
}

@InputType()
export class CreateInvoiceInput {
  @Field(() => ID)
  @Length(1, 64)
  customerId!: string;

  @Field(() => String, { nullable: true, description: 'Unique within the organization; generated when omitted.' })
  @IsOptional()
  @Length(1, 64)
  number?: string | null;

  @Field(() => Date, { nullable: true })
  @IsOptional()
  issuedAt?: Date | null;

  @Field(() => Date, { nullable: true, description: 'Defaults to 30 days after issuedAt.' })
  @IsOptional()
  dueAt?: Date | null;

  @Field(() => [InvoiceLineItemInput])
  @ArrayMinSize(1)
  @ArrayMaxSize(1000)
  @ValidateNested()
  lineItems!: InvoiceLineItemInput[];
}
