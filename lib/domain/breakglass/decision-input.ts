import { z } from "zod";
import { safeText } from "../shared/safe-text";

export const requestIdSchema = z.object({ id: z.uuid("id must be a break-glass request id") });

const optionalReason = z.preprocess(
  (v) => (v === "" || v === null ? undefined : v),
  safeText("reason").trim().max(1_000, "reason must be at most 1000 characters").optional(),
);
const requiredReason = safeText("reason")
  .trim()
  .min(3, "reason is required: say why (at least 3 characters)")
  .max(1_000, "reason must be at most 1000 characters");

export const approveRequestSchema = requestIdSchema.extend({
  reason: optionalReason,
  /** Minutes: an approver may shorten the elevation, never lengthen it. */
  shortenTo: z.preprocess(
    (v) => (v === "" || v === null ? undefined : v),
    z.coerce
      .number({ error: "shortenTo must be a whole number of minutes" })
      .int("shortenTo must be a whole number of minutes")
      .min(1, "shortenTo must be at least 1 minute")
      .max(14 * 24 * 60, "shortenTo must be at most 20160 minutes")
      .optional(),
  ),
});

export const reasonedRequestSchema = requestIdSchema.extend({ reason: requiredReason });
/** Cancel or drop: the requester's reason is optional ("I'm done"). */
export const cancelRequestSchema = requestIdSchema.extend({ reason: optionalReason });
