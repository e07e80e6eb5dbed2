import Link from "next/link";
import type { ReactNode } from "react";
import { ROLE_LABELS, type Role } from "@/lib/domain/authz/roles";
import { SignOutButton } from "../auth/sign-out-button";
import { SignOutEverywhereButton } from "../auth/sign-out-everywhere-button";
import { Logo } from "./logo";
import type { NavItem } from "./nav-items";
import { type NavBadges, SidebarNav } from "./sidebar-nav";

export type ShellUser = { name: string; email: string; roles: readonly Role[] };

export function AppShell({ user, nav, badges, children }: { user: ShellUser; nav: NavItem[]; badges?: NavBadges; children: ReactNode }) {
  return (
    <div className="flex min-h-screen">
      <aside className="flex w-60 shrink-0 flex-col justify-between bg-slate-900 p-4 text-slate-100 print:hidden">
        <div className="flex flex-col gap-6">
          <Link href="/" aria-label="NHI Console, start page" className="rounded-md px-2">
            <Logo />
          </Link>
          <SidebarNav items={nav} badges={badges} />
        </div>
        <div className="flex flex-col gap-3 border-t border-slate-700 pt-4">
          <div className="px-1 text-sm">
            <p className="font-medium" data-testid="current-user">
              {user.name}
            </p>
            <p className="truncate text-slate-400">{user.email}</p>
            <p className="mt-1 text-xs text-slate-400" data-testid="current-roles">
              {user.roles.map((r) => ROLE_LABELS[r]).join(", ")}
            </p>
          </div>
          {nav.some((item) => item.href === "/inbox") && (
            <Link
              href="/settings/notifications"
              className="px-1 text-sm text-slate-300 underline-offset-2 hover:text-white hover:underline"
            >
              Notification settings
            </Link>
          )}
          <SignOutButton />
          <SignOutEverywhereButton />
        </div>
      </aside>
      <main className="min-w-0 flex-1 p-8">{children}</main>
    </div>
  );
}
