import type { UntargetedAction } from "@/lib/domain/authz/policy";

export type NavItem = { href: string; label: string };

// Which sections a person sees is a convenience only, but it is the policy's answer (the action each
// section's page is authorized by), never a role list of its own: every page and action is checked again.
const NAV_ITEMS: (NavItem & { action: UntargetedAction })[] = [
  { href: "/", label: "My work", action: "console.view" },
  { href: "/inbox", label: "Inbox", action: "notification.read" },
  { href: "/registry", label: "Registry", action: "registry.read" },
  // Reviews: the reviewer's inbox (whoever may be assigned items); Campaigns: their definition, progress and
  // evidence (admins and auditors).
  { href: "/reviews", label: "Reviews", action: "review.inbox" },
  { href: "/reviews/campaigns", label: "Campaigns", action: "review.list" },
  { href: "/break-glass", label: "Break-glass", action: "breakglass.read" },
  { href: "/dashboard", label: "Dashboard", action: "console.view" },
  { href: "/audit", label: "Audit log", action: "audit.read" },
  { href: "/admin/users", label: "Users", action: "user.list" },
  // Claims of ownerless identities: the console's notice to admins (no mail yet).
  { href: "/admin/claims", label: "Claims", action: "identity.reviewClaims" },
  { href: "/admin/jobs", label: "Jobs", action: "job.list" },
  { href: "/admin/webhooks", label: "Webhooks", action: "webhook.read" },
  { href: "/settings/tokens", label: "API tokens", action: "token.list" },
];

/** `allowed` is the policy's answer for this person (ConsoleUserDto.allowed). */
export const visibleNav = (allowed: readonly UntargetedAction[]): NavItem[] =>
  NAV_ITEMS.filter((item) => allowed.includes(item.action)).map(({ href, label }) => ({ href, label }));

/**
 * The one section a page belongs to: the longest href that contains it ("/reviews/campaigns/…" is Campaigns,
 * not Reviews as well); undefined when none does.
 */
export const currentSection = (items: readonly NavItem[], pathname: string): NavItem | undefined =>
  items
    .filter((item) => pathname === item.href || (item.href !== "/" && pathname.startsWith(`${item.href}/`)))
    .sort((a, b) => b.href.length - a.href.length)[0];
