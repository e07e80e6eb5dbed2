import { z } from "zod";
import { enforce } from "../../authz/enforce";
import { storableText } from "../../shared/input";
import type { UseCaseArgs } from "../../shared/use-case";
import { validate } from "../../shared/validate";
import { checkedRule, ruleFieldSchema, rulePatternSchema } from "./agent-rule-input";
import { matchAgentRule } from "./match-agent-rule";

export const tryAgentRuleSchema = checkedRule(
  z.object({
    field: ruleFieldSchema,
    pattern: rulePatternSchema,
    sample: storableText("sample").max(2_000, "sample must be at most 2000 characters"),
  }),
);

export type AgentRuleTrial = { matches: boolean; field: string; pattern: string };

/** "key=value" lines (a label or annotation per line; a line without "=" is a key with an empty value). */
function pairs(sample: string): Record<string, string> {
  const entries = sample
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => {
      const eq = line.indexOf("=");
      return eq < 0 ? [line, ""] : [line.slice(0, eq).trim(), line.slice(eq + 1).trim()];
    });
  return Object.fromEntries(entries);
}

/**
 * Whether a rule would recognise a sample as an AI agent, before it is saved: a name or a vendor, or the
 * labels or annotations (key=value, one per line). Nothing is stored; the pattern is checked as when saved.
 */
export async function tryAgentRule({ actor, db, clock, input }: UseCaseArgs): Promise<AgentRuleTrial> {
  await enforce(db, clock, actor, "registry.read", { type: "registry" });
  const { field, pattern, sample } = await validate(tryAgentRuleSchema, input);
  const value = sample.trim();
  const rule = { field, pattern };
  const row =
    field === "label"
      ? { name: "", signals: { labels: pairs(sample) } }
      : field === "annotation"
        ? { name: "", signals: { annotations: pairs(sample) } }
        : field === "vendor"
          ? { name: "", vendor: value }
          : { name: value };
  return { matches: matchAgentRule([rule], row) !== undefined, field, pattern };
}
