import { z } from "zod";
import { defineMutation } from "../../shared/define-mutation";
import { DomainError } from "../../shared/errors";

export const closeRunSchema = z.object({ runId: z.uuid("runId must be a review run's id") });

/** Closes a run (admins, in person; the job as the system at endsAt). PLACEHOLDER: the engine replaces this body. */
export const closeRun = defineMutation({
  action: "review.close",
  input: closeRunSchema,
  lockKey: (input) => `review-run:${input.runId}`,
  load: async () => ({ type: "console" as const }),
  async change(): Promise<{ result: { runId: string; status: string }; events: [] }> {
    throw new DomainError("CONFLICT", "Closing a review is not built yet.");
  },
});
