-- The payment provider's ids are named for their role, not for Stripe: the domain reaches the provider through a
-- port. Renames keep every row (written by hand: the generated migration drops and re-adds the columns).
ALTER TABLE "Customer" RENAME COLUMN "stripeCustomerId" TO "providerCustomerId";
DROP INDEX "Customer_stripeCustomerId_key";
CREATE UNIQUE INDEX "Customer_providerCustomerId_key" ON "Customer"("providerCustomerId");

ALTER TABLE "PaymentAttempt" RENAME COLUMN "stripePaymentIntentId" TO "providerIntentId";
DROP INDEX "PaymentAttempt_stripePaymentIntentId_key";
CREATE UNIQUE INDEX "PaymentAttempt_providerIntentId_key" ON "PaymentAttempt"("providerIntentId");

ALTER TABLE "Payment" RENAME COLUMN "stripePaymentIntentId" TO "providerIntentId";
DROP INDEX "Payment_stripePaymentIntentId_key";
CREATE UNIQUE INDEX "Payment_providerIntentId_key" ON "Payment"("providerIntentId");

ALTER TABLE "PaymentMethod" RENAME COLUMN "stripePaymentMethodId" TO "providerPaymentMethodId";
DROP INDEX "PaymentMethod_stripePaymentMethodId_key";
CREATE UNIQUE INDEX "PaymentMethod_providerPaymentMethodId_key" ON "PaymentMethod"("providerPaymentMethodId");

ALTER TABLE "WebhookEvent" RENAME COLUMN "stripeCreatedAt" TO "providerCreatedAt";
