import Link from "next/link";
import type { ReactNode } from "react";
import { ROLE_LABELS, type Role } from "@/lib/domain/authz/roles";
import { SignOutButton } from "../auth/sign-out-button";
import { SignOutEverywhereButton } from "../auth/sign-out-everywhere-button";
import { Logo } from "./logo";
import type { NavItem } from "./nav-items";
import { CurrentSection, type NavBadges, SidebarNav } from "./sidebar-nav";

export type ShellUser = { name: string; email: string; roles: readonly Role[] };

/**
 * The console's frame. From `md` up: a 240 px dark sidebar (logo, sections, the signed-in person) beside the page.
 * Below `md`: a top bar (logo, the page's section, "Menu") whose menu opens the same sections and person.
 *
 * The sections and the person are drawn once, inside a native <details> (a keyboard-operable disclosure that
 * needs no script): on a small screen its summary is the "Menu" button; from `md` up the summary is hidden and
 * its content is shown whether open or not (`::details-content`). A browser without `::details-content` keeps
 * the summary on a large screen as well, so the menu is never out of reach.
 */
export function AppShell({ user, nav, badges, children }: { user: ShellUser; nav: NavItem[]; badges?: NavBadges; children: ReactNode }) {
  return (
    <div className="flex min-h-screen flex-col md:flex-row">
      <aside className="relative flex shrink-0 items-center gap-2 bg-slate-900 px-4 py-2 text-slate-100 print:hidden md:w-60 md:flex-col md:items-stretch md:gap-6 md:p-4">
        <Link href="/" aria-label="NHI Console, start page" className="shrink-0 rounded-md px-1 md:px-2">
          <Logo className="max-md:text-base" />
        </Link>
        <CurrentSection items={nav} className="min-w-0 truncate border-l border-slate-700 pl-3 text-sm text-slate-300 md:hidden" />
        <details className="group ml-auto md:ml-0 md:flex md:flex-1 md:flex-col md:details-content:contents md:details-content:[content-visibility:visible]">
          <summary className="flex min-h-11 cursor-pointer list-none items-center gap-1.5 rounded-md border border-slate-600 px-2.5 text-sm font-medium text-slate-100 hover:bg-slate-800 md:supports-[selector(::details-content)]:hidden [&::-webkit-details-marker]:hidden">
            <svg aria-hidden="true" viewBox="0 0 20 20" width="16" height="16" fill="currentColor">
              <path
                className="group-open:hidden"
                d="M3 5h14a1 1 0 1 0 0-2H3a1 1 0 0 0 0 2Zm14 4H3a1 1 0 0 0 0 2h14a1 1 0 1 0 0-2Zm0 6H3a1 1 0 1 0 0 2h14a1 1 0 1 0 0-2Z"
              />
              <path
                className="hidden group-open:block"
                d="M4.3 4.3a1 1 0 0 1 1.4 0L10 8.6l4.3-4.3a1 1 0 1 1 1.4 1.4L11.4 10l4.3 4.3a1 1 0 0 1-1.4 1.4L10 11.4l-4.3 4.3a1 1 0 0 1-1.4-1.4L8.6 10 4.3 5.7a1 1 0 0 1 0-1.4Z"
              />
            </svg>
            Menu
          </summary>
          <div className="absolute inset-x-0 top-full z-30 flex max-h-[calc(100dvh-3.75rem)] flex-col justify-between gap-6 overflow-y-auto border-t border-slate-700 bg-slate-900 p-4 shadow-lg md:static md:max-h-none md:flex-1 md:overflow-visible md:border-t-0 md:p-0 md:shadow-none">
            <SidebarNav items={nav} badges={badges} />
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
          </div>
        </details>
      </aside>
      <main className="min-w-0 flex-1 break-words p-4 md:p-8">{children}</main>
    </div>
  );
}
