-- AlterTable
ALTER TABLE "AdminApiKey" ADD COLUMN "expiresAt" DATETIME;
