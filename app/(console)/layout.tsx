import type { ReactNode } from "react";
import { AppShell } from "@/components/shell/app-shell";
import { requireActor } from "@/lib/auth/actor";

export const dynamic = "force-dynamic";

// The layout only draws the shell; every page below checks access again, because a layout's check does
// not protect the page's own data or its server actions.
export default async function ConsoleLayout({ children }: { children: ReactNode }) {
  const actor = await requireActor();
  return <AppShell user={{ name: actor.name, email: actor.email, roles: actor.roles }}>{children}</AppShell>;
}
