import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { cache } from "react";
import { IdentityForm } from "@/components/registry/identity-form";
import { PageHeader } from "@/components/ui/page-header";
import { PageProblem } from "@/components/ui/page-problem";
import { requireActor } from "@/lib/auth/actor";
import { runAsActor } from "@/lib/auth/run-as-actor";
import { getIdentity } from "@/lib/domain/registry/get-identity";

// One read per request, shared by the title and the page.
const loadIdentity = cache((id: string) => runAsActor(getIdentity, { id }));

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }): Promise<Metadata> {
  const result = await loadIdentity((await params).id);
  return { title: result.ok ? `Edit ${result.data.name} · Registry` : "Edit identity" };
}

export default async function EditIdentityPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requireActor();
  const result = await loadIdentity((await params).id);
  if (!result.ok) return result.code === "FORBIDDEN" ? <PageProblem kind="forbidden" message={result.message} /> : notFound();
  const { entitlements: _e, history: _h, credentials, actingAsThis: _a, lastImport: _l, canEdit, ...identity } = result.data;
  if (!canEdit)
    return (
      <PageProblem
        kind="forbidden"
        recorded={false}
        message={`Only the owner, the backup owner or an admin may change ${identity.name}.`}
      />
    );
  return (
    <>
      <PageHeader title={`Edit ${identity.name}`} description="Changes are recorded in the identity's history." />
      <IdentityForm identity={identity} credentialCount={credentials.length} people={[]} currentUserId={actor.userId} />
    </>
  );
}
