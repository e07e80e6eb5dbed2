import { z } from "zod";
import type { ReviewRun } from "@/lib/db/generated/client";
import { defineMutation } from "../../shared/define-mutation";
import { DomainError } from "../../shared/errors";
import type { UseCase } from "../../shared/use-case";
import { runTarget } from "../campaigns/campaign-target";
import { runSettings } from "../run-settings";
import { type CloseResult, finishClose } from "./finish-close";

export const closeRunSchema = z.object({ runId: z.uuid("runId must be a review run's id") });

/**
 * The first, short step of a close: the run becomes `closing` (decisions stop) and the close is audited.
 * A run already closing is resumed as it is (a close that failed half-way, or the job after a restart).
 */
const beginClose = defineMutation({
  action: "review.close",
  input: closeRunSchema,
  lockKey: (input) => `review-run:${input.runId}`,
  load: async () => ({ type: "console" as const }),
  async change({ tx, input }) {
    const run: ReviewRun | null = await tx.reviewRun.findUnique({ where: { id: input.runId } });
    if (!run) throw new DomainError("NOT_FOUND", "There is no such review run.");
    const label = runTarget(run, runSettings(run).campaignName);
    if (run.status === "closed") throw new DomainError("CONFLICT", `${label.label} is already closed; a closed review is read-only.`);
    if (run.status === "closing") return { result: { runId: run.id }, events: [] };
    await tx.reviewRun.update({ where: { id: run.id }, data: { status: "closing" } });
    return {
      result: { runId: run.id },
      events: { target: label, before: { status: run.status, stage: run.stage }, after: { status: "closing", stage: run.stage } },
    };
  },
});

/**
 * Closes a run's current stage (admins in person, from the button or the API; the job reviews.endStage as the
 * system at endsAt). Two transactions: the short one above marks the run `closing`; finishClose then ends the
 * stage in one transaction of its own (all or nothing; minutes allowed): either the second stage starts, or
 * the outcomes are applied and the run is closed, read-only. If the second fails, the run stays `closing`
 * with nothing applied, and reviews.endStage resumes it.
 */
export const closeRun: UseCase<z.input<typeof closeRunSchema>, CloseResult> = Object.defineProperty(
  async (args: Parameters<typeof beginClose>[0]) => {
    const { runId } = await beginClose(args);
    return finishClose(args.db, args.clock, args.actor, runId);
  },
  "name",
  { value: "review.close" },
);
