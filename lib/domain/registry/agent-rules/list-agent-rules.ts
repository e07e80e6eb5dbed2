import { enforce } from "../../authz/enforce";
import type { UseCaseArgs } from "../../shared/use-case";
import { type AgentRuleDto, toAgentRuleDto } from "./agent-rule-dto";

/** The AI-agent rules, in the order the import tries them (oldest first; the first match is reported). */
export async function listAgentRules({ actor, db, clock }: UseCaseArgs): Promise<AgentRuleDto[]> {
  await enforce(db, clock, actor, "registry.read", { type: "registry" });
  const rules = await db.agentRule.findMany({ orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
  return rules.map(toAgentRuleDto);
}
