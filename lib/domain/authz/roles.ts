export const ROLES = ["admin", "approver", "auditor", "member"] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  admin: "Admin",
  approver: "Approver",
  auditor: "Auditor",
  member: "Owner (member)",
};

export const isRole = (value: string): value is Role => (ROLES as readonly string[]).includes(value);

/** Roles as stored (text[], constrained in the database) to the typed set; anything unknown is dropped. */
export const toRoles = (values: readonly string[]): Role[] => values.filter(isRole);
