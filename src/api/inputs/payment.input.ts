import { IsBoolean, IsInt, IsOptional, Length, Matches } from 'class-validator';
import { Field, ID, InputType, Int } from 'type-graphql';

@InputType()
export class CreatePaymentIntentInput {
  @Field(() => ID, { nullable: true, description: "Defaults to the link's invoice, or the oldest open one." })
  @IsOptional()
  @Length(1, 64)
  invoiceId?: string | null;

  @Field(() => Int, { nullable: true, description: 'Minor units; defaults to the amount due. Partial payments are allowed.' })
  @IsOptional()
  @IsInt()
  amount?: number | null;

  @Field(() => String, { nullable: true, description: "If given, must be the invoice's currency." })
  @IsOptional()
  @Matches(/^[A-Za-z]{3}$/)
  currency?: string | null;

  @Field(() => ID, { nullable: true, description: 'A saved PaymentMethod id to preselect.' })
  @IsOptional()
  @Length(1, 64)
  paymentMethodId?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'Save the card for later once the payment succeeds.' })
  @IsOptional()
  @IsBoolean()
  savePaymentMethod?: boolean | null;
}

@InputType()
export class AddPaymentMethodInput {
  @Field(() => String, { description: 'The pm_… id Stripe.js created from the card details.' })
  @Length(4, 200)
  stripePaymentMethodId!: string;

  @Field(() => Boolean, { nullable: true })
  @IsOptional()
  @IsBoolean()
  setAsDefault?: boolean | null;
}
