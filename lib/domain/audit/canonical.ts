import { createHash } from "node:crypto";

// The chain must verify identically on PGlite and PostgreSQL, years later. So the hash covers a canonical
// serialization: object keys sorted at every depth, timestamps as ISO-8601 UTC with milliseconds, absent
// values as null. JSONB reorders keys, which is why key order can never be left to the database.

export const GENESIS_HASH = "0".repeat(64);

export function canonicalJson(value: unknown): string {
  if (value === null || value === undefined) return "null";
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (typeof value === "bigint") return JSON.stringify(value.toString());
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`);
    return `{${entries.join(",")}}`;
  }
  return JSON.stringify(value);
}

/** The fields an event's hash covers; the row's `seq` is not among them (sequences may have gaps). */
export type HashedFields = {
  at: Date;
  actorType: string;
  actorId: string | null;
  actorLabel: string;
  action: string;
  targetType: string;
  targetId: string | null;
  targetLabel: string | null;
  outcome: string;
  reason: string | null;
  ip: string | null;
  userAgent: string | null;
  requestId: string | null;
  before: unknown;
  after: unknown;
  prevHash: string;
};

export function hashEvent(fields: HashedFields): string {
  return createHash("sha256")
    .update(canonicalJson({ v: 1, ...fields }))
    .digest("hex");
}
