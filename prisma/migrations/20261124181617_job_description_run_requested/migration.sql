-- AlterTable
ALTER TABLE "Job" ADD COLUMN     "description" TEXT,
ADD COLUMN     "runRequestedAt" TIMESTAMPTZ(3);

