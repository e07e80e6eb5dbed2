import Link from "next/link";
import { CampaignForm } from "@/components/reviews/campaign-form";
import { PageHeader } from "@/components/ui/page-header";
import { PageProblem } from "@/components/ui/page-problem";
import { requireActor } from "@/lib/auth/actor";
import { runAsActor } from "@/lib/auth/run-as-actor";
import { can } from "@/lib/domain/authz/policy";
import { listPeople } from "@/lib/domain/registry/list-people";
import { createCampaignAction, previewCampaignAction } from "../actions";
import { CAMPAIGN_CHOICES } from "../choices";

export const metadata = { title: "New review campaign" };

export default async function NewCampaignPage() {
  const actor = await requireActor();
  if (!can(actor, "review.manage")) return <PageProblem kind="forbidden" message="Only admins define review campaigns." />;
  const people = await runAsActor(listPeople, {});
  return (
    <>
      <PageHeader
        title="New review campaign"
        description="Define which identities are reviewed, by whom, for how long and what happens if nobody answers. Preview to see exactly what launching would create; nothing is stored until you create it."
        actions={
          <Link href="/reviews/campaigns" className="text-sm underline underline-offset-2">
            All campaigns
          </Link>
        }
      />
      <CampaignForm
        choices={CAMPAIGN_CHOICES}
        people={people.ok ? people.data : []}
        me={actor.type === "user" ? actor.userId : ""}
        preview={previewCampaignAction}
        create={createCampaignAction}
      />
    </>
  );
}
