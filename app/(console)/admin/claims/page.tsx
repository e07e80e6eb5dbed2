import Link from "next/link";
import { ClaimsTable } from "@/components/admin/claims-table";
import { Alert } from "@/components/ui/alert";
import { PageHeader } from "@/components/ui/page-header";
import { PageProblem } from "@/components/ui/page-problem";
import { requireActor } from "@/lib/auth/actor";
import { runAsActor } from "@/lib/auth/run-as-actor";
import { mayAttempt } from "@/lib/domain/authz/policy";
import { listClaims } from "@/lib/domain/registry/list-claims";

export const metadata = { title: "Recent claims" };

export default async function ClaimsPage({ searchParams }: { searchParams: Promise<{ before?: string }> }) {
  const { before } = await searchParams;
  const actor = await requireActor();
  const result = await runAsActor(listClaims, { before });
  if (!result.ok && result.code === "FORBIDDEN") return <PageProblem kind="forbidden" message={result.message} />;
  return (
    <>
      <PageHeader
        title="Recent claims"
        description="Identities without an owner that someone took on, newest first. Check that each claimer really looks after it; undo a claim to make the identity ownerless again (only while the claimer still owns it)."
      />
      {result.ok ? (
        <>
          <ClaimsTable claims={result.data.claims} mayUndo={mayAttempt(actor, "identity.undoClaim").allowed} />
          <nav aria-label="Pages" className="mt-4 flex gap-4 text-sm">
            {before && (
              <Link href="/admin/claims" className="underline">
                « Newest
              </Link>
            )}
            {result.data.nextBefore && (
              <Link href={`/admin/claims?before=${result.data.nextBefore}`} className="underline">
                Older »
              </Link>
            )}
          </nav>
        </>
      ) : (
        <Alert tone="error">{result.message}</Alert>
      )}
    </>
  );
}
