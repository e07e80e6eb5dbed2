"use client";

import { removeAgentRuleAction } from "@/app/(console)/admin/agent-rules/actions";
import type { AgentRuleDto } from "@/lib/domain/registry/agent-rules/agent-rule-dto";
import { Button } from "../ui/button";
import { FormStatus } from "../ui/form-status";
import { EmptyState, Table, Td } from "../ui/table";
import { useActionForm } from "../ui/use-action-form";

const FIELD_LABELS: Record<AgentRuleDto["field"], string> = { label: "Label", annotation: "Annotation", name: "Name", vendor: "Vendor" };

function AgentRuleRow({ rule, mayEdit }: { rule: AgentRuleDto; mayEdit: boolean }) {
  const remove = useActionForm(removeAgentRuleAction, { success: null });
  return (
    <tr data-testid={`agent-rule-${rule.id}`}>
      <Td>{FIELD_LABELS[rule.field] ?? rule.field}</Td>
      <Td>
        <code className="break-all rounded bg-slate-100 px-1">{rule.pattern}</code>
      </Td>
      <Td className="max-w-sm">{rule.note ?? <span className="text-slate-600">—</span>}</Td>
      <Td>
        <time dateTime={rule.createdAt}>{rule.createdAt.slice(0, 10)}</time>
        {rule.createdBy && <span className="block text-xs text-slate-600">{rule.createdBy}</span>}
      </Td>
      {mayEdit && (
        <Td>
          <Button
            size="sm"
            variant="danger"
            pending={remove.pending}
            aria-label={`Remove the ${rule.field} rule ${rule.pattern}`}
            onClick={() => remove.run({ id: rule.id })}
          >
            Remove
          </Button>
          <FormStatus message={remove.message} className="mt-2 max-w-xs" />
        </Td>
      )}
    </tr>
  );
}

/** The rules, in the order imports try them. */
export function AgentRuleTable({ rules, mayEdit }: { rules: AgentRuleDto[]; mayEdit: boolean }) {
  if (rules.length === 0)
    return <EmptyState>No rules yet: imports register no identity as an AI agent until an admin adds one.</EmptyState>;
  return (
    <Table
      caption="AI-agent rules, in the order imports try them"
      columns={["Looks at", "Pattern", "Note", "Added", ...(mayEdit ? [{ label: "Actions", hidden: true }] : [])]}
    >
      {rules.map((rule) => (
        <AgentRuleRow key={rule.id} rule={rule} mayEdit={mayEdit} />
      ))}
    </Table>
  );
}
