// Database failures arrive in three wrappings (a driver adapter error, a Prisma known-request error with the
// adapter's error inside, or the raw driver's error): this finds the PostgreSQL SQLSTATE in any of them, so
// the domain can decide in one place which failures are the caller's mistake and which are ours.

type Shape = { code?: unknown; originalCode?: unknown; cause?: unknown; meta?: { driverAdapterError?: { cause?: unknown } } };

const PRISMA_TO_SQLSTATE: Record<string, string> = { P2002: "23505", P2003: "23503", P2034: "40001" };

export function sqlState(error: unknown): string | undefined {
  for (let e = error as Shape | undefined, depth = 0; e && typeof e === "object" && depth < 4; depth += 1) {
    const inner = e.meta?.driverAdapterError?.cause as Shape | undefined;
    for (const candidate of [e.originalCode, e.code, inner?.originalCode, inner?.code]) {
      if (typeof candidate !== "string") continue;
      if (/^[0-9A-Z]{5}$/.test(candidate)) return candidate;
      if (PRISMA_TO_SQLSTATE[candidate]) return PRISMA_TO_SQLSTATE[candidate];
    }
    e = e.cause as Shape | undefined;
  }
  return undefined;
}

/** Serialization failures and deadlocks: the transaction did nothing and may simply be tried again. */
export const isRetryable = (error: unknown): boolean => ["40001", "40P01"].includes(sqlState(error) ?? "");
