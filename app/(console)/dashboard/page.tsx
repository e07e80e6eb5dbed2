import { NotBuilt } from "@/components/shell/not-built";
import { requireActor } from "@/lib/auth/actor";

export const metadata = { title: "Dashboard" };

export default async function DashboardPage() {
  await requireActor();
  return <NotBuilt title="Dashboard" what="The posture dashboard mapped to OWASP NHI Top 10, NIST CSF 2.0, NIST SP 800-207, NIST AI RMF and NIST SP 800-53 is not built yet." />;
}
