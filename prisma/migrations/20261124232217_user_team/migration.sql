-- A person's team (set by an admin). A break-glass policy row that names an approver team limits who decides
-- its requests, and who is told about them, to the approvers of that team (admins always): the index finds them.

-- AlterTable
ALTER TABLE "User" ADD COLUMN     "team" TEXT;

-- CreateIndex
CREATE INDEX "User_team_idx" ON "User"("team");
