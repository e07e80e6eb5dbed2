export const ROLES = ["admin", "approver", "auditor", "member"] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  admin: "Admin",
  approver: "Approver",
  auditor: "Auditor",
  member: "Owner (member)",
};
