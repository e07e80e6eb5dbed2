import { z } from "zod";
import type { AuditTarget } from "../audit/append-audit-event";
import { defineMutation } from "../shared/define-mutation";
import { DomainError } from "../shared/errors";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A refused caller's record names the job they asked for, when what they sent is an id. */
const jobSubject = (raw: unknown): AuditTarget => {
  const id = raw && typeof raw === "object" ? (raw as Record<string, unknown>).id : undefined;
  return { type: "job", id: typeof id === "string" && UUID.test(id) ? id : null };
};

export const runNowSchema = z.object({ id: z.uuid("id must be a job id") });

/**
 * "Run now": the job is due at once; the next instance to poll runs it (its run's trigger is `manual`) and
 * then it goes back to its schedule. Refused while a run holds the job (that run's outcome comes first) and
 * for a disabled job. Admins only, people only (a token may not), audited.
 */
export const runJobNow = defineMutation({
  action: "job.runNow",
  input: runNowSchema,
  lockKey: (input) => `job:${input.id}`,
  load: async () => ({ type: "console" as const }),
  subject: jobSubject,
  async change({ tx, clock, input }) {
    const now = clock.now();
    const job = await tx.job.findUnique({ where: { id: input.id } });
    if (!job) throw new DomainError("NOT_FOUND", "This job does not exist (any more).");
    if (!job.enabled)
      throw new DomainError("CONFLICT", `${job.key} is disabled: it does not run, not even by hand.`, { id: ["the job is disabled"] });
    const { count } = await tx.job.updateMany({
      where: { id: job.id, OR: [{ leaseUntil: null }, { leaseUntil: { lt: now } }] },
      data: { nextRunAt: now, runRequestedAt: now },
    });
    if (count === 0)
      throw new DomainError(
        "CONFLICT",
        `${job.key} is running now: its run appears in the history when it finishes. Run it again after that if needed.`,
        {
          id: ["the job is running now"],
        },
      );
    return {
      result: { id: job.id, key: job.key, nextRunAt: now.toISOString() },
      events: {
        target: { type: "job", id: job.id, label: job.key },
        before: { nextRunAt: job.nextRunAt?.toISOString() ?? null },
        after: { nextRunAt: now.toISOString(), trigger: "manual" },
      },
    };
  },
});
