import { z } from "zod";
import { optionalIsoDate } from "../../shared/input";
import { safeText } from "../../shared/safe-text";
import type { ImportScopeUsage } from "./import-row";

const usageSchema = z.object({
  resource: safeText("resource").trim().min(1, "resource is required").max(300),
  lastUsedAt: optionalIsoDate("lastUsedAt"),
  usage: z.enum(["known", "never"], { error: "usage must be known or never" }),
  lastUsedWhere: z.preprocess((v) => (v === "" ? null : v), safeText("lastUsedWhere").trim().max(200).nullable().optional()),
});

export type PlannedScopeUsage = z.infer<typeof usageSchema>;

/** Validates per-scope usage (one entry per service of the AWS IAM access advisor). */
export async function planScopeUsage(stated: ImportScopeUsage[]) {
  const usage: PlannedScopeUsage[] = [];
  const errors: { field: string; reason: string }[] = [];
  const results = await Promise.all(stated.map((u) => usageSchema.safeParseAsync(u)));
  results.forEach((r, i) => {
    if (r.success) usage.push(r.data);
    else for (const issue of r.error.issues) errors.push({ field: `scopeUsage.${i}.${issue.path.join(".")}`, reason: issue.message });
  });
  return { usage, errors };
}
