import { notFound } from "next/navigation";
import { IdentityForm } from "@/components/registry/identity-form";
import { Forbidden } from "@/components/ui/forbidden";
import { PageHeader } from "@/components/ui/page-header";
import { requireActor } from "@/lib/auth/actor";
import { runAsActor } from "@/lib/auth/run-as-actor";
import { getIdentity } from "@/lib/domain/registry/get-identity";

export const metadata = { title: "Edit identity" };

export default async function EditIdentityPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requireActor();
  const result = await runAsActor(getIdentity, { id: (await params).id });
  if (!result.ok) return result.code === "FORBIDDEN" ? <Forbidden message={result.message} /> : notFound();
  const { entitlements: _e, history: _h, canEdit, ...identity } = result.data;
  return (
    <>
      <PageHeader title={`Edit ${identity.name}`} description={canEdit ? "Changes are recorded in the identity's history." : "Only the owner, the backup owner or an admin may change this identity; saving will be refused."} />
      <IdentityForm identity={identity} people={[]} currentUserId={actor.userId} />
    </>
  );
}
