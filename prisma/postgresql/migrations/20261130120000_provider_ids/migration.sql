-- The payment provider's ids are named for their role, not for Stripe: the domain reaches the provider through a
-- port. Renames keep every row (written by hand: the generated migration drops and re-adds the columns).
ALTER TABLE "Customer" RENAME COLUMN "stripeCustomerId" TO "providerCustomerId";
ALTER INDEX "Customer_stripeCustomerId_key" RENAME TO "Customer_providerCustomerId_key";

ALTER TABLE "PaymentAttempt" RENAME COLUMN "stripePaymentIntentId" TO "providerIntentId";
ALTER INDEX "PaymentAttempt_stripePaymentIntentId_key" RENAME TO "PaymentAttempt_providerIntentId_key";

ALTER TABLE "Payment" RENAME COLUMN "stripePaymentIntentId" TO "providerIntentId";
ALTER INDEX "Payment_stripePaymentIntentId_key" RENAME TO "Payment_providerIntentId_key";

ALTER TABLE "PaymentMethod" RENAME COLUMN "stripePaymentMethodId" TO "providerPaymentMethodId";
ALTER INDEX "PaymentMethod_stripePaymentMethodId_key" RENAME TO "PaymentMethod_providerPaymentMethodId_key";

ALTER TABLE "WebhookEvent" RENAME COLUMN "stripeCreatedAt" TO "providerCreatedAt";
