import { z } from "zod";
import type { Db } from "@/lib/db/types";
import type { Actor } from "../authz/actor";
import { enforce } from "../authz/enforce";
import { ENVIRONMENTS, LEVELS, type Level } from "../registry/vocabulary";
import type { Clock } from "../shared/clock";
import { storableText } from "../shared/input";
import { validate } from "../shared/validate";

const text = (field: string) =>
  storableText(field).trim().min(1, `${field} is required`).max(500, `${field} must be at most 500 characters`);

export const checkGrantSchema = z.object({
  identityId: z.uuid("identityId must be an identity id"),
  resource: text("resource"),
  action: text("action"),
  level: z.enum(LEVELS, { error: "level must be read, write or admin" }),
  environment: z.enum(ENVIRONMENTS, { error: `environment must be one of ${ENVIRONMENTS.join(", ")}` }),
});

/** The answer: whether the identity holds the scope right now, and until when. */
export type GrantCheck = {
  active: boolean;
  /** The request whose elevation covers the scope (the one lasting longest, if several do). */
  requestId: string | null;
  activeFrom: string | null;
  expiresAt: string | null;
  /** Whole seconds until expiresAt, rounded up (1 in its last second); 0 when not active. */
  secondsLeft: number;
  /** The instant the answer is for (the console's clock). */
  checkedAt: string;
};

/** A grant of a higher level covers a lower one: admin covers write covers read. */
const COVERING: Record<Level, Level[]> = { read: ["read", "write", "admin"], write: ["write", "admin"], admin: ["admin"] };

/**
 * Does the identity hold this elevated scope now? Active is computed here, from the clock at this moment
 * (status approved AND activeFrom <= now < expiresAt, to the millisecond), never from a job having run:
 * a grant whose end the sweeper has not recorded yet is already inactive. One statement on the
 * (identityId, status, expiresAt) index; an unknown identity simply holds nothing.
 */
export async function checkGrant({ actor, db, clock, input }: { actor: Actor; db: Db; clock: Clock; input: unknown }): Promise<GrantCheck> {
  await enforce(db, clock, actor, "grants.read");
  const q = await validate(checkGrantSchema, input);
  const now = clock.now();
  const [row] = await db.$queryRaw<{ id: string; activeFrom: Date; expiresAt: Date }[]>`
    SELECT r.id::text, r."activeFrom", r."expiresAt" FROM "BreakGlassRequest" r
    WHERE r."identityId" = ${q.identityId}::uuid AND r.status = 'approved' AND r."expiresAt" > ${now} AND r."activeFrom" <= ${now}
      AND EXISTS (
        SELECT 1 FROM jsonb_array_elements(r.scopes) s
        WHERE s->>'resource' = ${q.resource} AND s->>'action' = ${q.action} AND s->>'environment' = ${q.environment}
          AND s->>'level' = ANY (${COVERING[q.level]}::text[]))
    ORDER BY r."expiresAt" DESC LIMIT 1`;
  if (!row) return { active: false, requestId: null, activeFrom: null, expiresAt: null, secondsLeft: 0, checkedAt: now.toISOString() };
  return {
    active: true,
    requestId: row.id,
    activeFrom: row.activeFrom.toISOString(),
    expiresAt: row.expiresAt.toISOString(),
    secondsLeft: Math.ceil((row.expiresAt.getTime() - now.getTime()) / 1000),
    checkedAt: now.toISOString(),
  };
}
