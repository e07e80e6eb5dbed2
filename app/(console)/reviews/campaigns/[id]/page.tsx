import Link from "next/link";
import { notFound } from "next/navigation";
import type { Metadata } from "next";
import { cache } from "react";
import { CampaignActions } from "@/components/reviews/campaign-actions";
import { CampaignDefinition } from "@/components/reviews/campaign-definition";
import { EvidenceLinks } from "@/components/reviews/evidence-links";
import { ProgressBar } from "@/components/reviews/progress-bars";
import { type ItemFilterValues, RunItems } from "@/components/reviews/progress-items";
import { RunProgressView } from "@/components/reviews/progress-panels";
import { Alert } from "@/components/ui/alert";
import { PageHeader } from "@/components/ui/page-header";
import { PageProblem } from "@/components/ui/page-problem";
import { Table, Td } from "@/components/ui/table";
import { requireActor } from "@/lib/auth/actor";
import { runAsActor } from "@/lib/auth/run-as-actor";
import { can } from "@/lib/domain/authz/policy";
import { getCampaign } from "@/lib/domain/reviews/campaigns/get-campaign";
import { listRunItems } from "@/lib/domain/reviews/progress/list-run-items";
import { runProgress } from "@/lib/domain/reviews/progress/run-progress";

type Query = ItemFilterValues & { run?: string; page?: string; notice?: string };

const loadCampaign = cache((id: string) => runAsActor(getCampaign, { campaignId: id }));

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }): Promise<Metadata> {
  const result = await loadCampaign((await params).id);
  return { title: result.ok ? `${result.data.name} · Review campaigns` : "Review campaign" };
}

const FILTERS = ["reviewer", "decided", "decision", "outcome", "remediation", "risk", "q"] as const;

export default async function CampaignPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<Query> }) {
  const { id } = await params;
  const query = await searchParams;
  const actor = await requireActor();
  const result = await loadCampaign(id);
  if (!result.ok) return result.code === "FORBIDDEN" ? <PageProblem kind="forbidden" message={result.message} /> : notFound();
  const campaign = result.data;
  // The run shown: the one asked for, or the newest.
  const runId = query.run && campaign.runs.some((r) => r.id === query.run) ? query.run : (query.run ?? campaign.runs[0]?.id);
  const filter: ItemFilterValues = Object.fromEntries(FILTERS.flatMap((k) => (query[k] ? [[k, query[k]]] : [])));
  const [progress, items] = runId
    ? await Promise.all([runAsActor(runProgress, { runId }), runAsActor(listRunItems, { runId, ...filter, page: query.page })])
    : [null, null];
  const openRun = campaign.runs.find((r) => r.status !== "closed") ?? null;
  const keep: Record<string, string> = runId && runId !== campaign.runs[0]?.id ? { run: runId } : {};
  const itemsHref = (p: Record<string, string>) => `?${new URLSearchParams({ ...keep, ...p })}#items`;
  const mayManage = can(actor, "review.manage") && campaign.status === "active";
  const mayExport = can(actor, "review.export");
  return (
    <>
      <PageHeader
        title={campaign.name}
        description={campaign.description || undefined}
        actions={
          <CampaignActions
            campaignId={campaign.id}
            campaignName={campaign.name}
            openRun={openRun ? { id: openRun.id, number: openRun.number, undecided: openRun.itemCount - (openRun.decided ?? 0) } : null}
            mayLaunch={can(actor, "review.launch") && campaign.status === "active" && !campaign.trigger}
            mayClose={can(actor, "review.close")}
            mayArchive={mayManage}
          />
        }
      />
      <p className="-mt-4 mb-4 text-sm">
        <Link href="/reviews/campaigns" className="underline underline-offset-2">
          All campaigns
        </Link>
        {campaign.status === "archived" && (
          <span className="ml-3 rounded bg-slate-200 px-1.5 py-0.5 text-xs text-slate-800">Archived: no further runs</span>
        )}
        {!can(actor, "review.manage") && <span className="ml-3 text-xs text-slate-600">Read only: admins change campaigns.</span>}
      </p>
      {query.notice && (
        <div className="mb-4">
          <Alert tone="info">{query.notice}</Alert>
        </div>
      )}
      <section className="mb-4 rounded-lg border border-slate-200 bg-white p-5" aria-labelledby="definition-heading">
        <h2 id="definition-heading" className="mb-3 text-base font-semibold">
          Definition
        </h2>
        <CampaignDefinition campaign={campaign} />
        <p className="mt-3 text-xs text-slate-600">
          Version {campaign.version}, last changed {campaign.updatedAt.slice(0, 10)}. A change shapes the next runs only: a run under way
          keeps the settings it was launched with.
        </p>
      </section>

      <section className="mb-4 rounded-lg border border-slate-200 bg-white p-5" aria-labelledby="runs-heading">
        <h2 id="runs-heading" className="mb-3 text-base font-semibold">
          Runs
        </h2>
        {campaign.runs.length === 0 ? (
          <p className="text-sm text-slate-700">
            Not launched yet.{campaign.nextRunAt && ` The first scheduled run launches on ${campaign.nextRunAt.slice(0, 10)}.`}
          </p>
        ) : (
          <Table framed={false} caption="Runs of this campaign, newest first" columns={["Run", "Status", "Launched", "Due", "Progress"]}>
            {campaign.runs.map((r) => (
              <tr key={r.id} className={r.id === runId ? "bg-slate-50" : undefined}>
                <Td>
                  <Link
                    href={`?run=${r.id}`}
                    aria-current={r.id === runId ? "true" : undefined}
                    className="font-medium underline underline-offset-2"
                  >
                    #{r.number}
                  </Link>
                  {r.id === runId && <span className="ml-2 text-xs text-slate-600">shown below</span>}
                </Td>
                <Td className="text-sm">
                  {r.status}
                  {r.status === "open" && r.stage === 2 && " (stage 2)"}
                </Td>
                <Td className="text-sm">{r.launchedAt.slice(0, 10)}</Td>
                <Td className="text-sm">{r.dueAt.slice(0, 10)}</Td>
                <Td>
                  <ProgressBar done={r.decided ?? 0} total={r.itemCount} />
                </Td>
              </tr>
            ))}
          </Table>
        )}
        {campaign.runCount > campaign.runs.length && (
          <p className="mt-2 text-xs text-slate-600">
            The {campaign.runs.length} newest of {campaign.runCount} runs.
          </p>
        )}
      </section>

      {progress && runId && (
        <section className="rounded-lg border border-slate-200 bg-slate-50 p-5" aria-labelledby="run-heading">
          <div className="mb-3 flex flex-wrap items-center justify-between gap-3">
            <h2 id="run-heading" className="text-base font-semibold">
              {progress.ok ? `Run #${progress.data.run.number}: ${progress.data.run.status}` : "Run"}
            </h2>
            {mayExport && progress.ok && <EvidenceLinks runId={runId} runNumber={progress.data.run.number} />}
          </div>
          {!progress.ok ? (
            <Alert tone="error">{progress.message}</Alert>
          ) : (
            <div className="flex flex-col gap-6">
              <RunProgressView progress={progress.data} itemsHref={itemsHref} />
              {items?.ok ? (
                <RunItems
                  page={items.data}
                  filter={filter}
                  keep={keep}
                  reviewers={progress.data.reviewers.flatMap((r) =>
                    r.reviewer ? [[r.reviewer.id, r.reviewer.name] as [string, string]] : [],
                  )}
                />
              ) : (
                <Alert tone="error">{items?.message ?? "The items could not be read."}</Alert>
              )}
            </div>
          )}
        </section>
      )}
    </>
  );
}
