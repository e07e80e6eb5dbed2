import "server-only";
import { systemClock } from "@/lib/domain/shared/clock";
import type { UseCase } from "@/lib/domain/shared/use-case";
import { type Result, toFailure } from "@/lib/domain/shared/errors";
import { getDb } from "@/lib/server/database";
import { requireActor } from "./actor";

/**
 * The one way a page loader or server action runs a use-case: it requires a signed-in, active actor and
 * turns domain errors into a typed result, so no action can forget either. The use-case checks the role,
 * validates its input and asks the policy itself; `input` is typed by the use-case's schema for the forms,
 * but whatever a caller really sends is validated all the same.
 */
export async function runAsActor<I, O>(useCase: UseCase<I, O>, input: I): Promise<Result<O>> {
  const actor = await requireActor();
  try {
    return { ok: true, data: await useCase({ actor, db: await getDb(), clock: systemClock, input }) };
  } catch (error) {
    return toFailure(error);
  }
}
