-- Rename Refund.stripeRefundId to refundKey, keeping existing rows (edited from the generated drop-and-add).
ALTER TABLE "Refund" RENAME COLUMN "stripeRefundId" TO "refundKey";
ALTER INDEX "Refund_stripeRefundId_key" RENAME TO "Refund_refundKey_key";
