import "server-only";
import { checkHealth, type Health } from "@/lib/domain/system/check-health";
import { getDatabase } from "./database";

export async function currentHealth(): Promise<Health> {
  try {
    return await checkHealth((await getDatabase()).raw);
  } catch (error) {
    return { ok: false, database: "unreachable", migrations: "unknown", detail: (error as Error).message };
  }
}
