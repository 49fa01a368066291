-- Disputes, refunds keyed by the provider's refund id, and invoices that remember what was refunded on them.
-- Edited from the generated drop-and-add to keep every row (see the SQLite copy for why):
-- Refund.refundKey becomes legacyKey, its rows SUCCEEDED refunds, Invoice.amountRefunded is backfilled.
-- AlterTable
ALTER TABLE "Invoice" ADD COLUMN     "amountRefunded" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "voidedAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "Payment" ADD COLUMN     "amountDisputed" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "attentionReason" TEXT;

-- AlterTable
ALTER TABLE "Refund" RENAME COLUMN "refundKey" TO "legacyKey";
ALTER TABLE "Refund" ALTER COLUMN "legacyKey" DROP NOT NULL;
ALTER INDEX "Refund_refundKey_key" RENAME TO "Refund_legacyKey_key";
ALTER TABLE "Refund" ADD COLUMN     "failureReason" TEXT,
ADD COLUMN     "note" TEXT,
ADD COLUMN     "providerRefundId" TEXT,
ADD COLUMN     "reason" TEXT,
ADD COLUMN     "requestKey" TEXT,
ADD COLUMN     "status" TEXT NOT NULL DEFAULT 'SUCCEEDED',
ADD COLUMN     "updatedAt" TIMESTAMP(3);
UPDATE "Refund" SET "updatedAt" = "createdAt";
ALTER TABLE "Refund" ALTER COLUMN "status" DROP DEFAULT, ALTER COLUMN "updatedAt" SET NOT NULL;

UPDATE "Invoice" SET "amountRefunded" = (SELECT COALESCE(SUM("amountRefunded"), 0) FROM "Payment" WHERE "Payment"."invoiceId" = "Invoice"."id");
UPDATE "Invoice" SET "status" = 'PAID' WHERE "status" = 'OPEN' AND "amountPaid" + "amountRefunded" >= "total";

-- CreateTable
CREATE TABLE "Dispute" (
    "id" TEXT NOT NULL,
    "paymentId" TEXT NOT NULL,
    "providerDisputeId" TEXT NOT NULL,
    "amount" INTEGER NOT NULL,
    "currency" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "amountWithdrawn" INTEGER NOT NULL DEFAULT 0,
    "amountReinstated" INTEGER NOT NULL DEFAULT 0,
    "evidenceDueBy" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Dispute_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Dispute_providerDisputeId_key" ON "Dispute"("providerDisputeId");

-- CreateIndex
CREATE INDEX "Dispute_paymentId_idx" ON "Dispute"("paymentId");

-- CreateIndex
CREATE UNIQUE INDEX "Refund_providerRefundId_key" ON "Refund"("providerRefundId");

-- CreateIndex
CREATE UNIQUE INDEX "Refund_requestKey_key" ON "Refund"("requestKey");

-- AddForeignKey
ALTER TABLE "Dispute" ADD CONSTRAINT "Dispute_paymentId_fkey" FOREIGN KEY ("paymentId") REFERENCES "Payment"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
