import { NotBuilt } from "@/components/shell/not-built";
import { requireActor } from "@/lib/auth/actor";

export const metadata = { title: "Break-glass" };

export default async function BreakglassPage() {
  await requireActor();
  return <NotBuilt title="Break-glass" what="Time-bound, approved elevations with after-action review are not built yet." />;
}
