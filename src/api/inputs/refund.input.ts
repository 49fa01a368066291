/** What an admin sends to refund a payment; bounds from LIMITS, checked again by the service. */
import { IsEnum, IsInt, IsOptional, Length, Matches, MaxLength } from 'class-validator';
import { Field, ID, InputType, Int } from 'type-graphql';
import { LIMITS } from '../../domain/limits';
import type { RefundRequest } from '../../domain/payments/payment-admin.service';
import { RefundReason } from '../../payments/payment-provider.port';

const { idLength, refundNote, refundRequestId } = LIMITS;

@InputType({ description: 'A refund of a payment, whole or in part, through the payment provider.' })
export class RefundPaymentInput implements RefundRequest {
  @Field(() => ID, { description: 'AdminPayment.id of the payment (see invoicePayments).' })
  @Length(idLength.min, idLength.max)
  paymentId!: string;

  @Field(() => Int, {
    nullable: true,
    description: 'Minor units, 1 or more; omit to refund all that can still be refunded. More than that is RefundExceedsRefundableError.',
  })
  @IsOptional()
  @IsInt()
  amount?: number | null;

  @Field(() => RefundReason, { description: 'Why the money is given back; the provider is told.' })
  @IsEnum(RefundReason)
  reason!: RefundReason;

  @Field(() => String, { nullable: true, description: `For admins, up to ${refundNote.max} characters; kept with the refund, never shown to the customer.` })
  @IsOptional()
  @MaxLength(refundNote.max)
  note?: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      `Your id for this request, ${refundRequestId.min} to ${refundRequestId.max} letters, digits, "-" or "_" (a UUID, say). Sending the same requestId again for ` +
      'the same payment (a retry after a timeout, or PAYMENT_PROVIDER_UNAVAILABLE) refunds once and answers the same refund. Without one the server makes ' +
      'one up, and a retry may refund again.',
  })
  @IsOptional()
  @Length(refundRequestId.min, refundRequestId.max)
  @Matches(refundRequestId.pattern)
  requestId?: string | null;
}
