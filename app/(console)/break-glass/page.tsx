import { NotBuilt } from "@/components/shell/not-built";
import { requireConsole } from "@/lib/auth/require-console";

export const metadata = { title: "Break-glass" };

export default async function BreakglassPage() {
  await requireConsole();
  return <NotBuilt title="Break-glass" what="Time-bound, approved elevations with after-action review are not built yet." />;
}
