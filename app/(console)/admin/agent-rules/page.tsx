import { AgentRuleForm } from "@/components/admin/agent-rule-form";
import { AgentRuleTable } from "@/components/admin/agent-rule-table";
import { Alert } from "@/components/ui/alert";
import { PageHeader } from "@/components/ui/page-header";
import { PageProblem } from "@/components/ui/page-problem";
import { requireActor } from "@/lib/auth/actor";
import { runAsActor } from "@/lib/auth/run-as-actor";
import { mayAttempt } from "@/lib/domain/authz/policy";
import { listAgentRules } from "@/lib/domain/registry/agent-rules/list-agent-rules";

export const metadata = { title: "AI-agent rules" };

/** What each kind of rule looks at, with patterns that work. */
const FIELDS = [
  {
    field: "label",
    label: "Label",
    what: "A label of a Kubernetes service account: its key (any value), or key=value with a pattern on the value.",
    examples: ["ai.acme.com/agent", "app.kubernetes.io/component=*agent*"],
  },
  {
    field: "annotation",
    label: "Annotation",
    what: "An annotation of a Kubernetes service account, written the same way as a label.",
    examples: ["acme.com/llm-provider", "acme.com/workload-type=ai-*"],
  },
  {
    field: "name",
    label: "Name",
    what: "The identity's name as imported (a Kubernetes service account is namespace/name).",
    examples: ["*-agent", "copilot-*", "agents/*"],
  },
  {
    field: "vendor",
    label: "Vendor",
    what: "The vendor: a GitHub App's slug, or the vendor column of the console's own files.",
    examples: ["claude-*", "*copilot*", "devin-ai-integration"],
  },
] as const;

export default async function AgentRulesPage() {
  const actor = await requireActor();
  const result = await runAsActor(listAgentRules, {});
  if (!result.ok && result.code === "FORBIDDEN") return <PageProblem kind="forbidden" message={result.message} />;
  const mayEdit = mayAttempt(actor, "registry.import").allowed;
  return (
    <>
      <PageHeader
        title="AI-agent rules"
        description="No source says that an identity is an AI agent. These rules recognise them: every import registers an identity that any rule matches as kind AI agent. A kind someone set by hand on an identity is never changed by an import."
      />
      <section aria-labelledby="how-rules-work" className="mb-6 rounded-lg border border-slate-200 bg-white p-4 text-sm">
        <h2 id="how-rules-work" className="text-base font-semibold">
          How rules match
        </h2>
        <p className="mt-1 text-slate-700">
          Patterns match the whole value and ignore case: <code>*</code> is any run of characters (slashes included), <code>?</code> one
          character, <code>{"{a,b}"}</code> either word, <code>[abc]</code> one of the letters. Rules apply from the next import on;
          removing one leaves the identities it recognised as they are.
        </p>
        <dl className="mt-3 grid gap-x-6 gap-y-2 sm:grid-cols-[auto_1fr]">
          {FIELDS.map((f) => (
            <div key={f.field} className="contents">
              <dt className="font-medium">{f.label}</dt>
              <dd className="text-slate-700">
                {f.what} For example{" "}
                {f.examples.map((e, i) => (
                  <span key={e}>
                    {i > 0 && (i === f.examples.length - 1 ? " or " : ", ")}
                    <code className="rounded bg-slate-100 px-1">{e}</code>
                  </span>
                ))}
                .
              </dd>
            </div>
          ))}
        </dl>
      </section>
      {mayEdit && <AgentRuleForm fields={FIELDS.map(({ field, label }) => ({ field, label }))} />}
      <h2 className="mb-2 text-lg font-semibold">Rules</h2>
      {result.ok ? <AgentRuleTable rules={result.data} mayEdit={mayEdit} /> : <Alert tone="error">{result.message}</Alert>}
    </>
  );
}
