import { actorLabel } from "../../authz/actor";
import { defineMutation } from "../../shared/define-mutation";
import { DomainError } from "../../shared/errors";
import { addAgentRuleSchema } from "./agent-rule-input";
import { agentRuleLabel, agentRuleView, toAgentRuleDto } from "./agent-rule-dto";

/** Rules are few; each is tried on every imported row. */
export const MAX_AGENT_RULES = 200;

/**
 * An admin adds a rule that recognises AI agents in imports (admins only: it changes what every import
 * writes). It applies from the next import on; identities a person gave a kind by hand keep it.
 */
export const addAgentRule = defineMutation({
  action: "registry.import",
  input: addAgentRuleSchema,
  // One key for all rules: the count limit reads the others.
  lockKey: () => "agent-rules",
  load: async () => ({ type: "registry" as const }),
  async change({ tx, actor, input: { field, pattern, note } }) {
    if (await tx.agentRule.findUnique({ where: { field_pattern: { field, pattern } }, select: { id: true } }))
      throw new DomainError("CONFLICT", `There is already a ${field} rule ${pattern}.`, { pattern: ["this rule already exists"] });
    if ((await tx.agentRule.count()) >= MAX_AGENT_RULES)
      throw new DomainError("VALIDATION", `At most ${MAX_AGENT_RULES} rules: remove one first.`, {
        pattern: [`at most ${MAX_AGENT_RULES} rules`],
      });
    const rule = await tx.agentRule.create({ data: { field, pattern, note: note ?? null, createdBy: actorLabel(actor) } });
    return {
      result: toAgentRuleDto(rule),
      events: {
        action: "agentRule.add",
        target: { type: "agent-rule", id: rule.id, label: agentRuleLabel(rule) },
        after: agentRuleView(rule),
      },
    };
  },
});
