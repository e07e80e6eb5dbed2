import { closeRun } from "@/lib/domain/reviews/close/close-run";
import { listRemediation } from "@/lib/domain/reviews/remediation/list-remediation";
import { rollbackItem } from "@/lib/domain/reviews/remediation/rollback-item";
import { updateRemediation } from "@/lib/domain/reviews/remediation/update-remediation";
import type { UseCase } from "@/lib/domain/shared/use-case";

/** The access reviews' use-cases (remediation) that tests/fuzz.test.ts throws hostile input at. */
export const REVIEW_REMEDIATION_USE_CASES: Record<string, UseCase<unknown, unknown>> = {
  closeRun,
  listRemediation,
  updateRemediation,
  rollbackItem,
};
