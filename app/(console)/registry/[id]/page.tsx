import Link from "next/link";
import { notFound } from "next/navigation";
import type { Metadata } from "next";
import { cache, type ReactNode } from "react";
import { CredentialTimeline } from "@/components/registry/credential-timeline";
import { EntitlementsPanel } from "@/components/registry/entitlements-panel";
import { IdentityActions } from "@/components/registry/identity-actions";
import { IdentityHistoryView } from "@/components/registry/identity-history";
import { StatusBadge } from "@/components/registry/status-badge";
import { buttonClass } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/page-header";
import { PageProblem } from "@/components/ui/page-problem";
import { runAsActor } from "@/lib/auth/run-as-actor";
import { getIdentity } from "@/lib/domain/registry/get-identity";
import type { PersonDto } from "@/lib/domain/registry/identity-dto";
import { listPeople } from "@/lib/domain/registry/list-people";
import { KIND_LABELS } from "@/lib/domain/registry/vocabulary";

// One read per request, shared by the title and the page.
const loadIdentity = cache((id: string) => runAsActor(getIdentity, { id }));

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }): Promise<Metadata> {
  const result = await loadIdentity((await params).id);
  return { title: result.ok ? `${result.data.name} · Registry` : "Identity" };
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="rounded-lg border border-slate-200 bg-white p-5">
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

export default async function IdentityPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const [result, people] = await Promise.all([loadIdentity(id), runAsActor(listPeople, {})]);
  if (!result.ok) return result.code === "FORBIDDEN" ? <PageProblem kind="forbidden" message={result.message} /> : notFound();
  const identity = result.data;
  const now = new Date();
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
      <div className="grid gap-4 xl:grid-cols-3">
        <div className="xl:col-span-2">
          <Section title="Details">
            <dl className="grid grid-cols-1 gap-x-6 gap-y-2 text-sm sm:grid-cols-2" data-testid="identity-details">
              {facts.map(([label, value]) => (
                <div key={label}>
                  <dt className="text-xs uppercase text-slate-500">{label}</dt>
                  <dd>{value}</dd>
                </div>
              ))}
            </dl>
          </Section>
        </div>
        <Section title="Credential">
          <CredentialTimeline identity={identity} now={now} />
        </Section>
      </div>
      <div className="mt-4">
        <Section title="Scopes">
          <EntitlementsPanel identityId={identity.id} entitlements={identity.entitlements} canEdit={identity.canEdit} />
        </Section>
      </div>
      {identity.canEdit && (
        <div className="mt-4">
          <IdentityActions identity={identity} people={people.ok ? people.data : []} />
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
