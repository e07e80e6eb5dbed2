import { z } from "zod";
import type { BreakGlassPolicy } from "@/lib/db/generated/client";
import { enforce } from "../authz/enforce";
import type { UseCase } from "../shared/use-case";

export type PolicyRowDto = Omit<BreakGlassPolicy, "createdAt" | "updatedAt"> & { updatedAt: string };

export const toPolicyRowDto = (row: BreakGlassPolicy): PolicyRowDto => {
  const { createdAt: _created, updatedAt, ...rest } = row;
  return { ...rest, updatedAt: updatedAt.toISOString() };
};

export const listPolicySchema = z.object({});

/** The break-glass policy rows (everyone may read what the rules are), production first, then by level. */
export const listPolicy: UseCase<z.input<typeof listPolicySchema>, PolicyRowDto[]> = async ({ actor, db, clock }) => {
  await enforce(db, clock, actor, "breakglass.read");
  const rows = await db.breakGlassPolicy.findMany();
  const rank = (r: BreakGlassPolicy) => (r.environment === "production" ? 0 : 10) + ({ admin: 0, write: 1, read: 2 }[r.level] ?? 3);
  return rows.sort((a, b) => rank(a) - rank(b)).map(toPolicyRowDto);
};
