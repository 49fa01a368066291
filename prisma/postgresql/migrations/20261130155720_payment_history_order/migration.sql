-- DropIndex
DROP INDEX "Payment_customerId_createdAt_idx";

-- CreateIndex
CREATE INDEX "Payment_customerId_createdAt_id_idx" ON "Payment"("customerId", "createdAt", "id");
