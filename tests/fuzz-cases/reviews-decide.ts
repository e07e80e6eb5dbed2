import type { UseCase } from "@/lib/domain/shared/use-case";

/** The access reviews' use-cases (decide) that tests/fuzz.test.ts throws hostile input at. */
export const REVIEW_DECIDE_USE_CASES: Record<string, UseCase<unknown, unknown>> = {};
