import Link from "next/link";
import { LinkedMessage } from "@/components/breakglass/linked-message";
import { RequestForm } from "@/components/breakglass/request-form";
import { PolicyTable } from "@/components/breakglass/policy-table";
import { Alert } from "@/components/ui/alert";
import { PageHeader } from "@/components/ui/page-header";
import { PageProblem } from "@/components/ui/page-problem";
import { EmptyState } from "@/components/ui/table";
import { runAsActor } from "@/lib/auth/run-as-actor";
import { identityElevations } from "@/lib/domain/breakglass/identity-elevations";
import { listPolicy } from "@/lib/domain/breakglass/list-policy";
import { requestableIdentities } from "@/lib/domain/breakglass/requestable-identities";
import { getIdentity } from "@/lib/domain/registry/get-identity";

export const metadata = { title: "Request an elevation · Break-glass" };

/** Step one without an identity: pick one of yours (searchable); with one: the form, beside the policy limits. */
export default async function NewRequestPage({
  searchParams,
}: {
  searchParams: Promise<{ identityId?: string; q?: string; extends?: string }>;
}) {
  const { identityId, q, extends: extendsId } = await searchParams;
  const policy = await runAsActor(listPolicy, {});
  if (!policy.ok) return <PageProblem kind="forbidden" message={policy.message} />;
  if (!identityId) {
    const choices = await runAsActor(requestableIdentities, { q });
    return (
      <>
        <PageHeader
          title="Request an elevation"
          description="Choose the identity that needs more for a while. You may ask for those you own or back up."
        />
        <form method="get" role="search" className="mb-4 flex items-end gap-2">
          <div className="flex flex-col gap-1">
            <label htmlFor="identity-q" className="text-sm font-medium text-slate-700">
              Find an identity by name
            </label>
            <input
              id="identity-q"
              name="q"
              defaultValue={q ?? ""}
              className="h-9 w-72 rounded-md border border-slate-400 px-2 text-sm focus:outline-none focus:ring-2 focus:ring-slate-400"
            />
          </div>
          <button type="submit" className="h-9 rounded-md border border-slate-400 bg-white px-3 text-sm font-medium hover:bg-slate-100">
            Search
          </button>
        </form>
        {!choices.ok ? (
          <Alert tone="error">{choices.message}</Alert>
        ) : choices.data.length === 0 ? (
          <EmptyState>No active identity you own or back up{q ? ` matches “${q}”` : ""}.</EmptyState>
        ) : (
          <ul className="flex flex-col divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white" data-testid="requestable">
            {choices.data.map((i) => (
              <li key={i.id} className="px-4 py-2 text-sm">
                <Link href={`/break-glass/new?identityId=${i.id}`} className="font-medium underline underline-offset-2">
                  {i.name}
                </Link>{" "}
                <span className="text-slate-600">
                  {i.platform} · {i.environment}
                </span>
              </li>
            ))}
          </ul>
        )}
      </>
    );
  }
  const [identity, elevations] = await Promise.all([
    runAsActor(getIdentity, { id: identityId }),
    runAsActor(identityElevations, { identityId, extendsRequestId: extendsId }),
  ]);
  // An extension continues one of the identity's live grants: its scopes, pre-filled.
  const live = elevations.ok ? elevations.data.active.find((e) => e.requestId === extendsId) : undefined;
  const extending = live ? { id: live.requestId, scopes: live.scopes, expiresAt: live.expiresAt } : undefined;
  if (!identity.ok) return <PageProblem kind={identity.code === "FORBIDDEN" ? "forbidden" : "not-found"} message={identity.message} />;
  const blockedBy = elevations.ok ? elevations.data.blockedBy : null;
  const mayRequest = elevations.ok && elevations.data.may.request;
  return (
    <>
      <PageHeader
        title={extending ? `Extend the elevation of ${identity.data.name}` : `Request an elevation of ${identity.data.name}`}
        description={`${identity.data.purpose} · ${identity.data.environment} · ${identity.data.platform}`}
      />
      <div className="grid gap-6 xl:grid-cols-3">
        <div className="rounded-lg border border-slate-200 bg-white p-5 xl:col-span-2">
          {blockedBy ? (
            <Alert tone="error">
              <LinkedMessage text={blockedBy} />
            </Alert>
          ) : !mayRequest ? (
            <Alert tone="info">
              {identity.data.status !== "active"
                ? `${identity.data.name} is ${identity.data.status}: an elevation can be asked only for an active identity.`
                : `Only its owner, its backup owner or an admin may ask for an elevation of ${identity.data.name}.`}
            </Alert>
          ) : (
            <RequestForm
              identity={{ id: identity.data.id, name: identity.data.name, environment: identity.data.environment }}
              standing={identity.data.entitlements.map((e) => ({
                resource: e.resource,
                action: e.action,
                level: e.level,
                environment: e.environment,
              }))}
              policy={policy.data}
              extending={extending}
            />
          )}
        </div>
        <section className="rounded-lg border border-slate-200 bg-white p-5">
          <h2 className="mb-2 text-base font-semibold">The policy&apos;s limits</h2>
          <p className="mb-3 text-sm text-slate-700">The strictest of your scopes decides which row applies.</p>
          <PolicyTable rows={policy.data} compact />
        </section>
      </div>
    </>
  );
}
