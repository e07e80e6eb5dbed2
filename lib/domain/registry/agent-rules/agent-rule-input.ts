import { z } from "zod";
import { safeText } from "../../shared/safe-text";
import { AGENT_RULE_FIELDS, type AgentRuleField, globProblem } from "./match-agent-rule";

// What an admin may write as an AI-agent rule, checked before it is stored: a pattern that can never be
// applied would silently recognise nothing at the next import.

export const PATTERN_MAX = 200;
/** A Kubernetes label or annotation key: an optional DNS prefix and "/", then a name of letters, digits, - _ . */
const KEY = /^(?:[a-z0-9](?:[-a-z0-9.]{0,251}[a-z0-9])?\/)?[A-Za-z0-9](?:[-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/;

/** Why a pattern cannot be a rule on this field, or null when it can. Label and annotation rules are "key" or "key=glob". */
export function patternProblem(field: AgentRuleField, pattern: string): string | null {
  if (field === "name" || field === "vendor") {
    const problem = globProblem(pattern);
    return problem ? `pattern is not a valid glob: ${problem}` : null;
  }
  const eq = pattern.indexOf("=");
  const key = eq < 0 ? pattern : pattern.slice(0, eq);
  if (!KEY.test(key))
    return `pattern must be a ${field} key such as app.kubernetes.io/component, or key=value: "${key}" is not a valid key`;
  if (eq < 0) return null;
  const value = pattern.slice(eq + 1);
  if (value === "") return `pattern: give the value after "=" (a glob such as *agent*), or leave out "=" to match any value`;
  const problem = globProblem(value);
  return problem ? `pattern: the value is not a valid glob: ${problem}` : null;
}

/** "key = value" is written "key=value"; other patterns are kept as typed, trimmed. */
const normalise = (field: AgentRuleField, pattern: string) => {
  if (field !== "label" && field !== "annotation") return pattern;
  const eq = pattern.indexOf("=");
  return eq < 0 ? pattern : `${pattern.slice(0, eq).trim()}=${pattern.slice(eq + 1).trim()}`;
};

export const ruleFieldSchema = z.enum(AGENT_RULE_FIELDS, { error: `field must be one of ${AGENT_RULE_FIELDS.join(", ")}` });
export const rulePatternSchema = safeText("pattern")
  .trim()
  .min(1, "pattern is required")
  .max(PATTERN_MAX, `pattern must be at most ${PATTERN_MAX} characters`);

/** A schema with field and pattern, the pattern normalised and checked for its field. */
export const checkedRule = <S extends z.ZodType<{ field: AgentRuleField; pattern: string }>>(schema: S) =>
  schema
    .transform((rule) => ({ ...rule, pattern: normalise(rule.field, rule.pattern) }))
    .superRefine((rule, ctx) => {
      const problem = patternProblem(rule.field, rule.pattern);
      if (problem) ctx.addIssue({ code: "custom", path: ["pattern"], message: problem });
    });

export const addAgentRuleSchema = checkedRule(
  z.object({
    field: ruleFieldSchema,
    pattern: rulePatternSchema,
    note: z.preprocess(
      (v) => (v === "" || v === null ? undefined : v),
      safeText("note").trim().max(500, "note must be at most 500 characters").optional(),
    ),
  }),
);
