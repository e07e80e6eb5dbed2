import Link from "next/link";
import { notFound } from "next/navigation";
import type { Metadata } from "next";
import { cache, type ReactNode } from "react";
import { IdentityElevationsPanel } from "@/components/breakglass/identity-elevations-panel";
import { IdentityFindingsPanel } from "@/components/posture/identity-findings-panel";
import { CredentialsPanel } from "@/components/registry/credentials-panel";
import { EntitlementsPanel } from "@/components/registry/entitlements-panel";
import { ClaimIdentity, IdentityActions } from "@/components/registry/identity-actions";
import { IdentityBadges, identityFindings } from "@/components/registry/identity-badges";
import { IdentityHistoryView } from "@/components/registry/identity-history";
import { ReviewHistorySection } from "@/components/reviews/history-section";
import { StatusBadge } from "@/components/registry/status-badge";
import { buttonClass } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/page-header";
import { PageProblem } from "@/components/ui/page-problem";
import { requireActor } from "@/lib/auth/actor";
import { runAsActor } from "@/lib/auth/run-as-actor";
import { can } from "@/lib/domain/authz/policy";
import { identityElevations } from "@/lib/domain/breakglass/identity-elevations";
import { identityFindings as postureFindings } from "@/lib/domain/posture/identity-findings";
import { getIdentity, type IdentityDetailDto } from "@/lib/domain/registry/get-identity";
import type { PersonDto } from "@/lib/domain/registry/identity-dto";
import { listPeople } from "@/lib/domain/registry/list-people";
import { identityReviewHistory } from "@/lib/domain/reviews/history/identity-review-history";
import { IMPORT_FORMATS } from "@/lib/domain/registry/import/formats";
import { KIND_LABELS } from "@/lib/domain/registry/vocabulary";

// One read per request, shared by the title and the page.
const loadIdentity = cache((id: string) => runAsActor(getIdentity, { id }));

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }): Promise<Metadata> {
  const result = await loadIdentity((await params).id);
  return { title: result.ok ? `${result.data.name} · Registry` : "Identity" };
}

function Section({ title, children, testId }: { title: string; children: ReactNode; testId?: string }) {
  return (
    <section className="rounded-lg border border-slate-200 bg-white p-5" data-testid={testId}>
      <h2 className="mb-3 text-base font-semibold">{title}</h2>
      {children}
    </section>
  );
}

function Person({ person, missing }: { person: PersonDto | null; missing: string }) {
  if (!person) return <span className="font-medium text-red-700">{missing}</span>;
  return (
    <>
      {person.name} <span className="text-slate-500">({person.email})</span>
      {!person.active && <span className="ml-1 font-medium text-red-700">deactivated</span>}
    </>
  );
}

const formatLabel = (format: string) => (format in IMPORT_FORMATS ? IMPORT_FORMATS[format as keyof typeof IMPORT_FORMATS].label : format);

/** Where the registry learnt about it: its source, the import that last wrote it, and whether the source still lists it. */
function Provenance({ identity }: { identity: IdentityDetailDto }) {
  const { lastImport } = identity;
  return (
    <dl className="flex flex-col gap-2 text-sm" data-testid="identity-provenance">
      <div>
        <dt className="text-xs uppercase text-slate-600">Source</dt>
        <dd>
          {identity.source ? <span className="font-mono text-xs">{identity.source}</span> : "Registered by hand or from a console file"}
          {identity.goneFromSourceAt && (
            <span className="block font-medium text-amber-900">no longer listed there since {identity.goneFromSourceAt.slice(0, 10)}</span>
          )}
        </dd>
      </div>
      <div>
        <dt className="text-xs uppercase text-slate-600">Last imported by</dt>
        <dd>
          {lastImport ? (
            <>
              <time dateTime={lastImport.at} title={`${lastImport.at.replace("T", " ").slice(0, 19)} UTC`}>
                {lastImport.at.slice(0, 10)}
              </time>{" "}
              by {lastImport.actorLabel} · {formatLabel(lastImport.format)}
              {lastImport.source && <span className="font-mono text-xs"> ({lastImport.source})</span>}
              <span className="mt-1 flex flex-wrap gap-x-3">
                <Link href={`/registry?importId=${lastImport.id}`} className="underline underline-offset-2">
                  Other identities of that import
                </Link>
                <Link href="/registry/imports" className="underline underline-offset-2">
                  Import history
                </Link>
              </span>
            </>
          ) : (
            <span className="text-slate-700">No import has written it</span>
          )}
        </dd>
      </div>
      {identity.actingAsThis.length > 0 && (
        <div>
          <dt className="text-xs uppercase text-slate-600">Workloads acting as this identity</dt>
          <dd>
            <ul className="mt-1 flex flex-col gap-1" data-testid="acting-as-this">
              {identity.actingAsThis.map((w) => (
                <li key={`${w.id}-${w.handle}`}>
                  <Link href={`/registry/${w.id}`} className="underline underline-offset-2">
                    {w.name}
                  </Link>{" "}
                  <span className="text-xs text-slate-600">through {w.handle}</span>
                </li>
              ))}
            </ul>
            {identity.actingAsThis.length === 50 && <p className="text-xs text-slate-600">The first 50 are shown.</p>}
          </dd>
        </div>
      )}
    </dl>
  );
}

export default async function IdentityPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const [result, people, reviews, elevations, posture] = await Promise.all([
    loadIdentity(id),
    runAsActor(listPeople, {}),
    runAsActor(identityReviewHistory, { identityId: id }),
    runAsActor(identityElevations, { identityId: id }),
    runAsActor(postureFindings, { identityId: id }),
  ]);
  if (!result.ok) return result.code === "FORBIDDEN" ? <PageProblem kind="forbidden" message={result.message} /> : notFound();
  const identity = result.data;
  const now = new Date();
  // An identity without an owner may be claimed by whoever may own identities (the policy's answer).
  const ownership = {
    type: "identity",
    id: identity.id,
    ownerId: identity.owner?.id ?? null,
    backupOwnerId: identity.backupOwner?.id ?? null,
  } as const;
  const actor = await requireActor();
  const canClaim = can(actor, "identity.claim", ownership);
  const canRotate = can(actor, "identity.rotate", ownership);
  const facts: [string, ReactNode][] = [
    ["Kind", KIND_LABELS[identity.kind]],
    ["Platform", identity.platform],
    [
      "External id",
      <span key="x" className="break-all font-mono text-xs">
        {identity.externalId}
      </span>,
    ],
    ["Environment", identity.environment],
    ["Owner", <Person key="o" person={identity.owner} missing="No owner" />],
    ["Backup owner", <Person key="b" person={identity.backupOwner} missing="None" />],
    ["Team", identity.team ?? "—"],
    ["Third-party vendor", identity.vendor ?? "—"],
    ["Tags", identity.tags.length ? identity.tags.join(", ") : "—"],
    ["Registered", identity.createdAt.slice(0, 10)],
    ["Last changed", `${identity.updatedAt.slice(0, 10)} (version ${identity.version})`],
  ];
  return (
    <>
      <PageHeader
        title={identity.name}
        description={identity.purpose}
        actions={
          <>
            <StatusBadge status={identity.status} />
            {identity.canEdit ? (
              <Link href={`/registry/${identity.id}/edit`} className={buttonClass({ variant: "primary" })}>
                Edit
              </Link>
            ) : (
              <span className="text-xs text-slate-600">View only: its owner, backup owner or an admin makes changes.</span>
            )}
          </>
        }
      />
      <ClaimIdentity identity={identity} claimable={canClaim} />
      <div className="grid gap-4 xl:grid-cols-3">
        <div className="xl:col-span-2">
          <Section title="Details">
            <dl className="grid grid-cols-1 gap-x-6 gap-y-2 text-sm sm:grid-cols-2" data-testid="identity-details">
              {facts.map(([label, value]) => (
                <div key={label}>
                  <dt className="text-xs uppercase text-slate-600">{label}</dt>
                  <dd>{value}</dd>
                </div>
              ))}
            </dl>
          </Section>
        </div>
        <div className="flex flex-col gap-4">
          <Section title="Findings">
            <IdentityBadges identity={identity} now={now} detailed />
            {identityFindings(identity, now, true).length === 0 && (
              <p className="text-sm text-slate-700">None: no findings from its source, no human use, and its owners are still here.</p>
            )}
          </Section>
          <Section title="Where it comes from">
            <Provenance identity={identity} />
          </Section>
        </div>
      </div>
      <div className="mt-4">
        <Section title={identity.credentials.length === 1 ? "Credential" : "Credentials"}>
          <CredentialsPanel identity={identity} now={now} canRotate={canRotate} />
        </Section>
      </div>
      <div className="mt-4">
        <Section title="Scopes">
          <EntitlementsPanel
            identityId={identity.id}
            entitlements={identity.entitlements}
            canEdit={identity.canEdit}
            now={now.toISOString()}
          />
        </Section>
      </div>
      {posture.ok && (
        <div className="mt-4" id="posture">
          <Section title="Posture findings" testId="identity-posture">
            <IdentityFindingsPanel data={posture.data} />
          </Section>
        </div>
      )}
      {elevations.ok && (
        <div className="mt-4">
          <Section title="Break-glass" testId="identity-breakglass">
            <IdentityElevationsPanel
              identity={{ id: identity.id, name: identity.name }}
              elevations={elevations.data}
              now={elevations.data.asOf}
            />
          </Section>
        </div>
      )}
      {identity.canEdit && (
        <div className="mt-4">
          <IdentityActions identity={identity} people={people.ok ? people.data : []} />
        </div>
      )}
      {reviews.ok && (
        <div className="mt-4">
          <Section title="Access reviews" testId="identity-reviews">
            <ReviewHistorySection history={reviews.data} linkCampaigns={can(actor, "review.list")} />
          </Section>
        </div>
      )}
      <div className="mt-4">
        <Section title="History">
          <IdentityHistoryView history={identity.history} />
        </Section>
      </div>
    </>
  );
}
