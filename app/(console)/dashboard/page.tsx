import { NotBuilt } from "@/components/shell/not-built";
import { requireConsole } from "@/lib/auth/require-console";

export const metadata = { title: "Dashboard" };

export default async function DashboardPage() {
  await requireConsole();
  return (
    <NotBuilt
      title="Dashboard"
      what="The posture dashboard mapped to OWASP NHI Top 10, NIST CSF 2.0, NIST SP 800-207, NIST AI RMF and NIST SP 800-53 is not built yet."
    />
  );
}
