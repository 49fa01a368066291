-- AlterTable
ALTER TABLE "AdminApiKey" ADD COLUMN     "expiresAt" TIMESTAMP(3);
