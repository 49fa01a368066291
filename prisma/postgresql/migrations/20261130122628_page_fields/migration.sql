-- AlterTable
ALTER TABLE "Customer" ADD COLUMN     "locale" TEXT;

-- AlterTable
ALTER TABLE "Organization" ADD COLUMN     "supportEmail" TEXT;
