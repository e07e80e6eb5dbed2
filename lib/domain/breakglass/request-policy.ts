import type { Tx } from "@/lib/db/types";
import { DomainError, type FieldErrors } from "../shared/errors";
import type { ElevatedScope, RequestElevationInput } from "./request-input";

/** The policy row a request falls under, as copied into BreakGlassRequest.policy. */
export type PolicySnapshot = {
  id: string;
  environment: "production" | "non_production";
  level: "read" | "write" | "admin";
  maxDurationMinutes: number;
  approvalsRequired: number;
  approverTeam: string | null;
  pendingExpiryMinutes: number;
  emergencyAllowed: boolean;
  ticketPattern: string | null;
  afterActionRequired: boolean;
  version: number;
};

const LEVEL_RANK = { read: 0, write: 1, admin: 2 } as const;

export const environmentClass = (environment: string): "production" | "non_production" =>
  environment === "production" ? "production" : "non_production";

/** The strictest (environment class, level) among the scopes: production before the rest, then admin > write > read. */
export function strictestClass(scopes: readonly ElevatedScope[]): {
  environment: "production" | "non_production";
  level: ElevatedScope["level"];
} {
  let best = { environment: "non_production" as "production" | "non_production", level: "read" as ElevatedScope["level"] };
  const rank = (c: typeof best) => (c.environment === "production" ? 10 : 0) + LEVEL_RANK[c.level];
  for (const s of scopes) {
    const c = { environment: environmentClass(s.environment), level: s.level };
    if (rank(c) > rank(best)) best = c;
  }
  return best;
}

/** The policy row for these scopes; a missing row (an admin cannot delete rows, but a database may lack one) refuses the request. */
export async function policyFor(tx: Tx, scopes: readonly ElevatedScope[]): Promise<PolicySnapshot> {
  const { environment, level } = strictestClass(scopes);
  const row = await tx.breakGlassPolicy.findUnique({ where: { environment_level: { environment, level } } });
  if (!row)
    throw new DomainError("CONFLICT", `There is no break-glass policy for ${level} in ${environment.replace("_", "-")}; ask an admin.`);
  return {
    id: row.id,
    environment,
    level,
    maxDurationMinutes: row.maxDurationMinutes,
    approvalsRequired: row.approvalsRequired,
    approverTeam: row.approverTeam,
    pendingExpiryMinutes: row.pendingExpiryMinutes,
    emergencyAllowed: row.emergencyAllowed,
    ticketPattern: row.ticketPattern,
    afterActionRequired: row.afterActionRequired,
    version: row.version,
  };
}

/**
 * Who may decide a request filed under this policy, and so is told of it: every active admin, and every active
 * approver (of the policy's approver team, when it names one), except the requester and the identity's token
 * sponsor. The same people the policy table's rule for breakglass.approve lets through.
 */
export async function approverIdsUnder(
  tx: Tx,
  policy: Pick<PolicySnapshot, "approverTeam">,
  exclude: (string | null)[],
): Promise<string[]> {
  const team = policy.approverTeam;
  const rows = await tx.user.findMany({
    where: {
      status: "active",
      id: { notIn: exclude.filter((x): x is string => !!x) },
      OR: team ? [{ roles: { has: "admin" } }, { roles: { has: "approver" }, team }] : [{ roles: { hasSome: ["approver", "admin"] } }],
    },
    select: { id: true },
    orderBy: { id: "asc" },
    take: 1_000,
  });
  return rows.map((r) => r.id);
}

/** The whole ticket must match the admin's pattern (anchored here, so "INC-\\d+" does not accept "xINC-1y"). */
export function ticketMatches(pattern: string, ticket: string): boolean {
  try {
    return new RegExp(`^(?:${pattern})$`, "u").test(ticket);
  } catch {
    return false;
  }
}

/** What the policy refuses in a request, by field: duration over the maximum, ticket missing or off-pattern, emergency not allowed. */
export function policyProblems(policy: PolicySnapshot, input: RequestElevationInput): FieldErrors {
  const errors: FieldErrors = {};
  const add = (field: string, message: string) => (errors[field] ??= []).push(message);
  const where = `${policy.level} in ${policy.environment.replace("_", "-")}`;
  if (input.durationMinutes > policy.maxDurationMinutes)
    add("durationMinutes", `durationMinutes must be at most ${policy.maxDurationMinutes} for ${where}`);
  if (policy.ticketPattern) {
    if (!input.ticket) add("ticket", `ticket is required for ${where}`);
    else if (!ticketMatches(policy.ticketPattern, input.ticket)) add("ticket", `ticket must match the pattern ${policy.ticketPattern}`);
  }
  if (input.emergency && !policy.emergencyAllowed) add("emergency", `emergency: the policy does not allow the emergency path for ${where}`);
  return errors;
}

export function throwIfProblems(errors: FieldErrors): void {
  if (Object.keys(errors).length === 0) return;
  throw new DomainError("VALIDATION", `Please correct the request. ${Object.values(errors).flat().join("; ")}`, errors);
}
