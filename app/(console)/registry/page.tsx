import Link from "next/link";
import { BulkBar } from "@/components/registry/bulk-bar";
import { BulkSelectionProvider } from "@/components/registry/bulk-selection";
import { IdentityFilters, type IdentityFilterValues } from "@/components/registry/identity-filters";
import { IdentityTable } from "@/components/registry/identity-table";
import { Alert } from "@/components/ui/alert";
import { buttonClass } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/page-header";
import { PageProblem } from "@/components/ui/page-problem";
import { Pager } from "@/components/ui/pager";
import { requireActor } from "@/lib/auth/actor";
import { runAsActor } from "@/lib/auth/run-as-actor";
import { listIdentities } from "@/lib/domain/registry/list-identities";
import { can, mayAttempt } from "@/lib/domain/authz/policy";
import { listPeople } from "@/lib/domain/registry/list-people";
import { activeElevations } from "@/lib/domain/breakglass/identity-elevations";

export const metadata = { title: "Registry" };

export default async function RegistryPage({ searchParams }: { searchParams: Promise<IdentityFilterValues> }) {
  const params = await searchParams;
  const actor = await requireActor();
  const [result, people] = await Promise.all([runAsActor(listIdentities, params), runAsActor(listPeople, {})]);
  if (!result.ok && result.code === "FORBIDDEN") return <PageProblem kind="forbidden" message={result.message} />;
  // Live break-glass elevations of the identities on this page: one indexed query, counted down in the table.
  const elevations = result.ok ? await runAsActor(activeElevations, { identityIds: result.data.identities.map((i) => i.id) }) : null;
  const { page: _page, ...filters } = params;
  // Bulk changes: offered to whoever may own identities; the server judges each identity of the set.
  const mayBulkChange = mayAttempt(actor, "identity.bulkChange").allowed;
  const exportQuery = new URLSearchParams(Object.entries(filters).filter(([, v]) => v) as [string, string][]).toString();
  return (
    <>
      <PageHeader
        title="Registry"
        description="Every non-human identity, its owner, purpose, scopes and credential lifecycle."
        actions={
          <>
            <a href={`/api/registry/export?format=csv&${exportQuery}`} className={buttonClass()}>
              Export CSV
            </a>
            <a href={`/api/registry/export?format=json&${exportQuery}`} className={buttonClass()}>
              Export JSON
            </a>
            {can(actor, "registry.import") && (
              <Link href="/registry/import" className={buttonClass()}>
                Import
              </Link>
            )}
            {can(actor, "identity.create", { type: "identity", id: null, ownerId: actor.userId, backupOwnerId: null }) && (
              <Link href="/registry/new" className={buttonClass({ variant: "primary" })}>
                Register identity
              </Link>
            )}
          </>
        }
      />
      <IdentityFilters values={params} people={people.ok ? people.data : []} errors={result.ok ? undefined : result.fieldErrors} />
      {result.ok ? (
        <BulkSelectionProvider>
          {mayBulkChange && (
            <BulkBar
              filter={filters as Record<string, string>}
              pageIds={result.data.identities.map((i) => i.id)}
              people={people.ok ? people.data : []}
            />
          )}
          <IdentityTable
            identities={result.data.identities}
            now={elevations?.ok ? new Date(elevations.data.asOf) : new Date()}
            selectable={mayBulkChange}
            elevations={elevations?.ok ? elevations.data.byIdentity : undefined}
          />
          <Pager
            page={result.data.page}
            pageSize={result.data.pageSize}
            total={result.data.total}
            estimated={result.data.estimated}
            params={params}
          />
        </BulkSelectionProvider>
      ) : (
        <Alert tone="error">{result.message}</Alert>
      )}
    </>
  );
}
