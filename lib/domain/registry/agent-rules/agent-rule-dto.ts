import type { AgentRule } from "@/lib/db/generated/client";
import type { AgentRuleField } from "./match-agent-rule";

/** An AI-agent rule as screens show it. */
export type AgentRuleDto = {
  id: string;
  field: AgentRuleField;
  pattern: string;
  note: string | null;
  createdAt: string;
  /** Who added it, as recorded then. */
  createdBy: string | null;
};

export const toAgentRuleDto = (rule: AgentRule): AgentRuleDto => ({
  id: rule.id,
  field: rule.field as AgentRuleField,
  pattern: rule.pattern,
  note: rule.note,
  createdAt: rule.createdAt.toISOString(),
  createdBy: rule.createdBy,
});

/** What the audit event records of a rule. */
export const agentRuleView = (rule: AgentRule) => ({ field: rule.field, pattern: rule.pattern, note: rule.note });
export const agentRuleLabel = (rule: { field: string; pattern: string }) => `${rule.field} ${rule.pattern}`;
