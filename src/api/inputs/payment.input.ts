import { IsBoolean, IsInt, IsOptional, Length, Matches } from 'class-validator';
import { Field, ID, InputType, Int } from 'type-graphql';
import { LIMITS } from '../../domain/limits';
import type { PaymentIntentRequest } from '../../domain/payments/payment-results';

const { idLength } = LIMITS;

@InputType({ description: 'What to pay. Every field is optional: by default, all that is due on the link\'s (or the oldest open) invoice.' })
export class CreatePaymentIntentInput implements PaymentIntentRequest {
  @Field(() => ID, { nullable: true, description: "Defaults to the link's invoice, or the oldest open one." })
  @IsOptional()
  @Length(idLength.min, idLength.max)
  invoiceId?: string | null;

  @Field(() => Int, {
    nullable: true,
    description:
      "Minor units; defaults to the amount due. All that is due, or a part from the invoice's minimumPayment to its maximumPartialPayment (a part never " +
      "leaves less than the provider's minimum charge to pay later). An Int: no invoice's amount due can exceed it.",
  })
  @IsOptional()
  @IsInt()
  amount?: number | null;

  @Field(() => String, { nullable: true, description: "If given, must be the invoice's currency (ISO 4217, any case)." })
  @IsOptional()
  @Matches(/^[A-Za-z]{3}$/)
  currency?: string | null;

  @Field(() => ID, { nullable: true, description: 'A saved PaymentMethod id to preselect.' })
  @IsOptional()
  @Length(idLength.min, idLength.max)
  paymentMethodId?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'Save the new card for later once the payment succeeds. Ignored with paymentMethodId: a saved card is kept already.' })
  @IsOptional()
  @IsBoolean()
  savePaymentMethod?: boolean | null;
}

@InputType({ description: 'A card to save, created in the browser by Stripe.js.' })
export class AddPaymentMethodInput {
  @Field(() => String, {
    description: 'The pm_… id of the card: the one Stripe.js created from the card details, or the one the SetupIntent named by setupIntentId saved.',
  })
  @Length(4, 200)
  stripePaymentMethodId!: string;

  @Field(() => String, {
    nullable: true,
    description:
      "The seti_… id of the card setup (from createCardSetup) that Stripe.js confirmed with this card, 3-D Secure included. The server checks with Stripe that it is this customer's, succeeded and saved this card. Without it, the card is attached directly (no 3-D Secure on save).",
  })
  @IsOptional()
  @Length(4, 200)
  setupIntentId?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'Make it the default card. The first card saved always is.' })
  @IsOptional()
  @IsBoolean()
  setAsDefault?: boolean | null;
}
