import Link from "next/link";
import { Alert } from "@/components/ui/alert";
import { PageHeader } from "@/components/ui/page-header";
import { PageProblem } from "@/components/ui/page-problem";
import { runAsActor } from "@/lib/auth/run-as-actor";
import { verifyAuditChain } from "@/lib/domain/audit/verify-audit-chain";

export const metadata = { title: "Verify audit chain" };

export default async function VerifyAuditPage() {
  const result = await runAsActor(verifyAuditChain, {});
  if (!result.ok && result.code === "FORBIDDEN") return <PageProblem kind="forbidden" message={result.message} />;
  return (
    <>
      <PageHeader
        title="Audit chain verification"
        description="Recomputes every event's hash from its stored content and checks each link to the event before it."
      />
      {!result.ok ? (
        <Alert tone="error">{result.message}</Alert>
      ) : result.data.intact ? (
        <Alert tone="success">
          <span data-testid="chain-status">Intact</span>: all {result.data.checked} events verified.
        </Alert>
      ) : (
        <Alert tone="error">
          <span data-testid="chain-status">Broken</span> at event #{result.data.brokenSeq}: {result.data.problem}. {result.data.checked}{" "}
          events before it verified.{" "}
          <Link className="underline" href={`/audit?before=${BigInt(result.data.brokenSeq) + BigInt(1)}`}>
            Show it in the log
          </Link>
        </Alert>
      )}
    </>
  );
}
