import { migrationStatus } from "@/lib/db/migrate";
import type { RawSql } from "@/lib/db/raw-sql";

export type Health = {
  ok: boolean;
  database: "reachable" | "unreachable";
  migrations: "current" | "pending" | "inconsistent" | "unknown";
  detail?: string;
};

/** Healthy when the database answers and every migration this version ships is applied, unchanged. */
export async function checkHealth(raw: RawSql): Promise<Health> {
  try {
    await raw.query("SELECT 1");
  } catch (error) {
    return { ok: false, database: "unreachable", migrations: "unknown", detail: (error as Error).message };
  }
  const status = await migrationStatus(raw);
  if (status.problems.length > 0)
    return { ok: false, database: "reachable", migrations: "inconsistent", detail: status.problems.join("; ") };
  if (status.pending.length > 0)
    return { ok: false, database: "reachable", migrations: "pending", detail: `pending: ${status.pending.join(", ")}` };
  return { ok: true, database: "reachable", migrations: "current" };
}
