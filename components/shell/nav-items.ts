import type { Role } from "@/lib/domain/authz/roles";

export type NavItem = { href: string; label: string; roles: readonly Role[] };

// Which sections a person sees is a convenience only: every page and action is authorized on the server.
export const NAV_ITEMS: NavItem[] = [
  { href: "/registry", label: "Registry", roles: ["admin", "approver", "auditor", "member"] },
  { href: "/reviews", label: "Reviews", roles: ["admin", "approver", "auditor", "member"] },
  { href: "/break-glass", label: "Break-glass", roles: ["admin", "approver", "auditor", "member"] },
  { href: "/dashboard", label: "Dashboard", roles: ["admin", "approver", "auditor", "member"] },
  { href: "/audit", label: "Audit log", roles: ["admin", "auditor"] },
  { href: "/admin/users", label: "Admin", roles: ["admin"] },
];

export const visibleNav = (roles: readonly Role[]) => NAV_ITEMS.filter((item) => item.roles.some((r) => roles.includes(r)));
