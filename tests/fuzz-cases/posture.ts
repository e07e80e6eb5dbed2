import { controlFindings } from "@/lib/domain/posture/control-findings";
import { getDashboard } from "@/lib/domain/posture/dashboard";
import { decideFinding } from "@/lib/domain/posture/decide-finding";
import { editPosturePolicy } from "@/lib/domain/posture/edit-posture-policy";
import { getPosturePolicy } from "@/lib/domain/posture/get-posture-policy";
import { identityFindings } from "@/lib/domain/posture/identity-findings";
import { listFindings } from "@/lib/domain/posture/list-findings";
import type { UseCase } from "@/lib/domain/shared/use-case";

/**
 * The posture use-cases that tests/fuzz.test.ts throws hostile input at (the evidence pack is left out: each export
 * that succeeds writes a file; its input, a format and a date, is covered by tests/posture-evidence.test.ts).
 */
export const POSTURE_USE_CASES: Record<string, UseCase<unknown, unknown>> = {
  getDashboard: getDashboard as UseCase<unknown, unknown>,
  controlFindings: controlFindings as UseCase<unknown, unknown>,
  identityFindings: identityFindings as UseCase<unknown, unknown>,
  listFindings: listFindings as UseCase<unknown, unknown>,
  decideFinding: decideFinding as UseCase<unknown, unknown>,
  editPosturePolicy: editPosturePolicy as UseCase<unknown, unknown>,
  getPosturePolicy: getPosturePolicy as UseCase<unknown, unknown>,
};
