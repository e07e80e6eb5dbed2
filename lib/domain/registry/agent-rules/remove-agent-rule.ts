import { z } from "zod";
import { defineMutation } from "../../shared/define-mutation";
import { DomainError } from "../../shared/errors";
import { agentRuleLabel, agentRuleView } from "./agent-rule-dto";

export const removeAgentRuleSchema = z.object({ id: z.uuid("id must be a rule") });

/**
 * An admin removes a rule. Identities it recognised keep their kind (the import changed them, and an
 * import only sets kinds): the next import stops recognising new ones.
 */
export const removeAgentRule = defineMutation({
  action: "registry.import",
  input: removeAgentRuleSchema,
  lockKey: () => "agent-rules",
  load: async () => ({ type: "registry" as const }),
  async change({ tx, input: { id } }) {
    const rule = await tx.agentRule.findUnique({ where: { id } });
    if (!rule) throw new DomainError("NOT_FOUND", "This rule does not exist (any more).");
    await tx.agentRule.delete({ where: { id } });
    return {
      result: { id },
      events: {
        action: "agentRule.remove",
        target: { type: "agent-rule", id, label: agentRuleLabel(rule) },
        before: agentRuleView(rule),
      },
    };
  },
});
