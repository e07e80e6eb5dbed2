import picomatch from "picomatch";
import type { AgentSignals } from "../import/import-row";

// AI agents are not a kind any source states: they are recognised by rules an admin edits (a label, an
// annotation, a name pattern, a vendor). The import applies them to each row; a person's own choice of
// kind (a pinned field) still wins.

export const AGENT_RULE_FIELDS = ["label", "annotation", "name", "vendor"] as const;
export type AgentRuleField = (typeof AGENT_RULE_FIELDS)[number];
export type AgentRuleLike = { field: string; pattern: string };

/**
 * Globs match whole values, ignoring case: `*` is any run of characters, slashes included (a Kubernetes
 * name is "namespace/name", so `*-agent` matches "ml/claude-agent"), `?` one character, `[abc]` one of
 * them, `{a,b}` either. Names that start with a dot are matched like any other.
 */
const GLOB_OPTIONS = { nocase: true, dot: true, bash: true } as const;
const NEVER = () => false;

/**
 * Compiled once per pattern: an import tests every row against every rule, and compiling a glob costs far
 * more than running it. Bounded, since patterns come from the admin's rules (a handful).
 */
const compiled = new Map<string, (value: string) => boolean>();
const CACHE_MAX = 1_000;

/** Why a glob cannot be used (unbalanced brackets, a trailing backslash), or null when it can. */
export function globProblem(pattern: string): string | null {
  if (pattern === "") return "the pattern is empty";
  try {
    // picomatch answers an impossible pattern with a regular expression that matches nothing.
    if (picomatch.makeRe(pattern, { ...GLOB_OPTIONS, strictBrackets: true }).source === "$^") return "the pattern can never match";
    return null;
  } catch (error) {
    return (error as Error).message.replace(/ - use .*$/, "");
  }
}

function matcher(pattern: string): (value: string) => boolean {
  let match = compiled.get(pattern);
  if (!match) {
    // A rule stored before its pattern was checked never breaks an import: it matches nothing.
    match = globProblem(pattern) === null ? picomatch(pattern, GLOB_OPTIONS) : NEVER;
    if (compiled.size >= CACHE_MAX) compiled.clear();
    compiled.set(pattern, match);
  }
  return match;
}

/** Whether a whole value matches a glob (see GLOB_OPTIONS). */
export const globMatches = (value: string, pattern: string) => matcher(pattern)(value);

/** A label or annotation rule is "key" (present with any value) or "key=value" (a glob on the value). */
function matchesPair(pairs: Record<string, string> | undefined, pattern: string): boolean {
  if (!pairs) return false;
  const eq = pattern.indexOf("=");
  const key = eq < 0 ? pattern : pattern.slice(0, eq);
  if (!Object.hasOwn(pairs, key)) return false;
  return eq < 0 || globMatches(String(pairs[key]), pattern.slice(eq + 1));
}

/** The first rule that recognises this identity as an AI agent, if any. */
export function matchAgentRule<R extends AgentRuleLike>(
  rules: readonly R[],
  row: { name: string; signals?: AgentSignals; vendor?: string | null },
): R | undefined {
  const vendor = row.vendor ?? row.signals?.vendor ?? null;
  return rules.find((rule) => {
    switch (rule.field as AgentRuleField) {
      case "label":
        return matchesPair(row.signals?.labels, rule.pattern);
      case "annotation":
        return matchesPair(row.signals?.annotations, rule.pattern);
      case "name":
        return globMatches(row.name, rule.pattern);
      case "vendor":
        return vendor !== null && globMatches(vendor, rule.pattern);
      default:
        return false;
    }
  });
}
