import { z } from "zod";
import { ENVIRONMENTS } from "../../registry/vocabulary";
import { isoDateBound } from "../../shared/input";
import { safeText } from "../../shared/safe-text";

// Input pieces a single decision and a bulk one share, each message naming its field.

export const REASON_MAX = 1_000;

/** The reviewer's reason: trimmed, never a secret, at most 1,000 characters; blank is "none given". */
export const decisionReasonSchema = z.preprocess(
  (v) => (v === "" || v === null ? undefined : v),
  safeText("decisionReason")
    .trim()
    .max(REASON_MAX, `decisionReason must be at most ${REASON_MAX} characters`)
    .transform((v) => (v === "" ? undefined : v))
    .optional(),
);

export const NON_PRODUCTION = ENVIRONMENTS.filter((e) => e !== "production") as ["staging", "test", "development"];
export const REDUCE_LEVELS = ["read", "write"] as const;

export const keepUntilSchema = isoDateBound("keepUntil");
export const rotateBySchema = isoDateBound("rotateBy");
