import Link from "next/link";
import { ImportHistoryTable } from "@/components/registry/import-history";
import { Alert } from "@/components/ui/alert";
import { buttonClass } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/page-header";
import { PageProblem } from "@/components/ui/page-problem";
import { Pager } from "@/components/ui/pager";
import { requireActor } from "@/lib/auth/actor";
import { runAsActor } from "@/lib/auth/run-as-actor";
import { can } from "@/lib/domain/authz/policy";
import { listImportRuns } from "@/lib/domain/registry/import/list-import-runs";

export const metadata = { title: "Import history" };

export default async function ImportHistoryPage({ searchParams }: { searchParams: Promise<{ page?: string }> }) {
  const { page } = await searchParams;
  const [actor, result] = await Promise.all([requireActor(), runAsActor(listImportRuns, { page })]);
  if (!result.ok && result.code === "FORBIDDEN") return <PageProblem kind="forbidden" message={result.message} />;
  return (
    <>
      <PageHeader
        title="Import history"
        description="Every committed import, newest first: who ran it, when, the file (its SHA-256 identifies it) and what it did. Identities point back to the import that last created or changed them; a later import of the same identity takes it over."
        actions={
          can(actor, "registry.import") ? (
            <Link href="/registry/import" className={buttonClass({ variant: "primary" })}>
              Import a file
            </Link>
          ) : undefined
        }
      />
      {result.ok ? (
        <>
          <ImportHistoryTable runs={result.data.runs} />
          {result.data.total > result.data.pageSize && (
            <Pager page={result.data.page} pageSize={result.data.pageSize} total={result.data.total} params={{}} />
          )}
        </>
      ) : (
        <Alert tone="error">{result.message}</Alert>
      )}
    </>
  );
}
