import type { ReactNode } from "react";
import { AppShell } from "@/components/shell/app-shell";
import { visibleNav } from "@/components/shell/nav-items";
import { requireConsole } from "@/lib/auth/require-console";
import { runAsActor } from "@/lib/auth/run-as-actor";
import { unreadCount } from "@/lib/domain/notifications/list-inbox";

export const dynamic = "force-dynamic";

// The layout only draws the shell; every page below checks access again, because a layout's check does
// not protect the page's own data or its server actions.
export default async function ConsoleLayout({ children }: { children: ReactNode }) {
  const user = await requireConsole();
  const unread = user.allowed.includes("notification.read") ? await runAsActor(unreadCount, {}) : null;
  return (
    <AppShell user={user} nav={visibleNav(user.allowed)} badges={{ "/inbox": unread?.ok ? unread.data : 0 }}>
      {children}
    </AppShell>
  );
}
