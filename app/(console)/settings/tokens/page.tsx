import { TokenCreateForm } from "@/components/tokens/token-create-form";
import { TokenTable } from "@/components/tokens/token-table";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Select } from "@/components/ui/controls";
import { Field } from "@/components/ui/field";
import { PageHeader } from "@/components/ui/page-header";
import { PageProblem } from "@/components/ui/page-problem";
import { Pager } from "@/components/ui/pager";
import { requireActor } from "@/lib/auth/actor";
import { runAsActor } from "@/lib/auth/run-as-actor";
import { can, mayAttempt } from "@/lib/domain/authz/policy";
import { listPeople } from "@/lib/domain/registry/list-people";
import { listTokens } from "@/lib/domain/tokens/list-tokens";
import { DEFAULT_TOKEN_DAYS } from "@/lib/domain/tokens/token-input";
import { scopeChoices } from "@/lib/domain/tokens/token-scopes";
import { tokenDeps } from "./token-deps";

export const metadata = { title: "API tokens" };

type Params = { owner?: string; kind?: string; status?: string; page?: string };

export default async function TokensPage({ searchParams }: { searchParams: Promise<Params> }) {
  const params = await searchParams;
  const actor = await requireActor();
  const result = await runAsActor(listTokens, params);
  if (!result.ok && result.code === "FORBIDDEN") return <PageProblem kind="forbidden" message={result.message} />;
  const mayCreate = mayAttempt(actor, "token.createPersonal").allowed;
  const mayIssueSponsored = mayAttempt(actor, "token.createService").allowed;
  const people = mayIssueSponsored ? await runAsActor(listPeople, {}) : null;
  const { maxDays } = tokenDeps();
  const allOwners = result.ok && result.data.allOwners;
  return (
    <>
      <PageHeader
        title="API tokens"
        description="Tokens let scripts, pipelines and AI agents call the console's API (Authorization: Bearer nhic_…). Each does only what its scopes allow, never more than the person it answers to may do at the time, and expires. Service and AI-agent tokens are non-human identities in the registry like any other."
      />
      {mayCreate && (
        <TokenCreateForm
          scopeGroups={scopeChoices(actor)}
          maxDays={maxDays}
          defaultDays={Math.min(DEFAULT_TOKEN_DAYS, maxDays)}
          people={people?.ok ? people.data : []}
          mayIssueSponsored={mayIssueSponsored}
          currentUserId={actor.userId}
        />
      )}
      <h2 className="mb-2 text-lg font-semibold">{allOwners ? "Everyone's tokens" : "Your tokens"}</h2>
      <form
        method="get"
        className="mb-4 flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-4"
        aria-label="Filter tokens"
      >
        {mayIssueSponsored && (
          <Field label="Whose">
            <Select name="owner" defaultValue={params.owner ?? "mine"}>
              <option value="mine">Mine</option>
              <option value="all">Everyone&apos;s</option>
            </Select>
          </Field>
        )}
        <Field label="Kind">
          <Select name="kind" defaultValue={params.kind ?? ""}>
            <option value="">Any</option>
            <option value="personal">Personal</option>
            <option value="service">Service</option>
            <option value="agent">AI agent</option>
          </Select>
        </Field>
        <Field label="Status">
          <Select name="status" defaultValue={params.status ?? ""}>
            <option value="">Any</option>
            <option value="active">active</option>
            <option value="expired">expired</option>
            <option value="revoked">revoked</option>
          </Select>
        </Field>
        <Button type="submit" variant="primary">
          Apply
        </Button>
      </form>
      {result.ok ? (
        <>
          <TokenTable
            tokens={result.data.tokens}
            showOwner={allOwners}
            mayRevoke={(t) => can(actor, "token.revoke", { type: "token", id: t.id, ownerId: t.owner.id })}
            now={new Date()}
            empty={
              params.kind || params.status
                ? "No tokens match these filters."
                : "No tokens yet. Make one above when a script needs to call the API."
            }
          />
          <Pager page={result.data.page} pageSize={result.data.pageSize} total={result.data.total} params={params} />
        </>
      ) : (
        <Alert tone="error">{result.message}</Alert>
      )}
    </>
  );
}
