-- Roles are text[] (see schema.prisma); the database still refuses any value that is not a known role.
ALTER TABLE "User" ALTER COLUMN "roles" SET NOT NULL;
ALTER TABLE "User" ADD CONSTRAINT "User_roles_known"
  CHECK ("roles" <@ ARRAY['admin', 'approver', 'auditor', 'member']::text[]);
