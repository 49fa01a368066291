-- Disputes, refunds keyed by the provider's refund id, and invoices that remember what was refunded on them.
-- Edited from the generated copy to keep every row:
-- - Refund.refundKey (`<intent>:<refunded total>`, one row per step up in a charge's refunded total) becomes
--   legacyKey, those rows are SUCCEEDED refunds, still counted, until the payment's refunds are next read from the
--   provider (see refunds.ts),
-- - Invoice.amountRefunded is the sum of its payments' amountRefunded, and an open invoice whose payments (before
--   refunds) cover its total is PAID: a refund no longer makes money owed again.
-- CreateTable
CREATE TABLE "Dispute" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "paymentId" TEXT NOT NULL,
    "providerDisputeId" TEXT NOT NULL,
    "amount" INTEGER NOT NULL,
    "currency" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "amountWithdrawn" INTEGER NOT NULL DEFAULT 0,
    "amountReinstated" INTEGER NOT NULL DEFAULT 0,
    "evidenceDueBy" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Dispute_paymentId_fkey" FOREIGN KEY ("paymentId") REFERENCES "Payment" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Invoice" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "organizationId" TEXT NOT NULL,
    "customerId" TEXT NOT NULL,
    "number" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'OPEN',
    "currency" TEXT NOT NULL,
    "total" INTEGER NOT NULL,
    "amountPaid" INTEGER NOT NULL DEFAULT 0,
    "amountRefunded" INTEGER NOT NULL DEFAULT 0,
    "voidedAt" DATETIME,
    "issuedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "dueAt" DATETIME NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Invoice_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Invoice_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "Customer" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_Invoice" ("amountPaid", "createdAt", "currency", "customerId", "dueAt", "id", "issuedAt", "number", "organizationId", "status", "total", "updatedAt") SELECT "amountPaid", "createdAt", "currency", "customerId", "dueAt", "id", "issuedAt", "number", "organizationId", "status", "total", "updatedAt" FROM "Invoice";
DROP TABLE "Invoice";
ALTER TABLE "new_Invoice" RENAME TO "Invoice";
CREATE INDEX "Invoice_customerId_status_issuedAt_idx" ON "Invoice"("customerId", "status", "issuedAt");
CREATE UNIQUE INDEX "Invoice_organizationId_number_key" ON "Invoice"("organizationId", "number");
CREATE TABLE "new_Payment" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "organizationId" TEXT NOT NULL,
    "customerId" TEXT NOT NULL,
    "invoiceId" TEXT NOT NULL,
    "providerIntentId" TEXT NOT NULL,
    "amount" INTEGER NOT NULL,
    "currency" TEXT NOT NULL,
    "amountRefunded" INTEGER NOT NULL DEFAULT 0,
    "amountDisputed" INTEGER NOT NULL DEFAULT 0,
    "overpaidAmount" INTEGER NOT NULL DEFAULT 0,
    "attentionReason" TEXT,
    "status" TEXT NOT NULL,
    "paymentMethodBrand" TEXT,
    "paymentMethodLast4" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Payment_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "Customer" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Payment_invoiceId_fkey" FOREIGN KEY ("invoiceId") REFERENCES "Invoice" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_Payment" ("amount", "amountRefunded", "createdAt", "currency", "customerId", "id", "invoiceId", "organizationId", "overpaidAmount", "paymentMethodBrand", "paymentMethodLast4", "providerIntentId", "status", "updatedAt") SELECT "amount", "amountRefunded", "createdAt", "currency", "customerId", "id", "invoiceId", "organizationId", "overpaidAmount", "paymentMethodBrand", "paymentMethodLast4", "providerIntentId", "status", "updatedAt" FROM "Payment";
DROP TABLE "Payment";
ALTER TABLE "new_Payment" RENAME TO "Payment";
CREATE UNIQUE INDEX "Payment_providerIntentId_key" ON "Payment"("providerIntentId");
CREATE INDEX "Payment_customerId_createdAt_idx" ON "Payment"("customerId", "createdAt");
CREATE INDEX "Payment_invoiceId_idx" ON "Payment"("invoiceId");
CREATE TABLE "new_Refund" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "paymentId" TEXT NOT NULL,
    "providerRefundId" TEXT,
    "legacyKey" TEXT,
    "requestKey" TEXT,
    "amount" INTEGER NOT NULL,
    "currency" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "reason" TEXT,
    "note" TEXT,
    "failureReason" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Refund_paymentId_fkey" FOREIGN KEY ("paymentId") REFERENCES "Payment" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_Refund" ("amount", "createdAt", "currency", "id", "paymentId", "legacyKey", "status", "updatedAt") SELECT "amount", "createdAt", "currency", "id", "paymentId", "refundKey", 'SUCCEEDED', "createdAt" FROM "Refund";
DROP TABLE "Refund";
ALTER TABLE "new_Refund" RENAME TO "Refund";
CREATE UNIQUE INDEX "Refund_providerRefundId_key" ON "Refund"("providerRefundId");
CREATE UNIQUE INDEX "Refund_legacyKey_key" ON "Refund"("legacyKey");
CREATE UNIQUE INDEX "Refund_requestKey_key" ON "Refund"("requestKey");
CREATE INDEX "Refund_paymentId_idx" ON "Refund"("paymentId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

UPDATE "Invoice" SET "amountRefunded" = (SELECT COALESCE(SUM("amountRefunded"), 0) FROM "Payment" WHERE "Payment"."invoiceId" = "Invoice"."id");
UPDATE "Invoice" SET "status" = 'PAID' WHERE "status" = 'OPEN' AND "amountPaid" + "amountRefunded" >= "total";

-- CreateIndex
CREATE UNIQUE INDEX "Dispute_providerDisputeId_key" ON "Dispute"("providerDisputeId");

-- CreateIndex
CREATE INDEX "Dispute_paymentId_idx" ON "Dispute"("paymentId");
