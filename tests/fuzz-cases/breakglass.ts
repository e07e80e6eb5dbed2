import type { UseCase } from "@/lib/domain/shared/use-case";

/** The break-glass use-cases that tests/fuzz.test.ts throws hostile input at. */
export const BREAKGLASS_USE_CASES: Record<string, UseCase<unknown, unknown>> = {};
