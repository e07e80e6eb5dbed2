import { systemClock } from "@/lib/domain/shared/clock";
import type { UseCaseArgs } from "@/lib/domain/shared/use-case";
import { type Result, toFailure } from "@/lib/domain/shared/errors";
import { getDb } from "@/lib/server/database";
import { requireActor } from "./actor";

export type UseCase<O> = (args: UseCaseArgs) => Promise<O>;

/**
 * The one way a page loader or server action runs a use-case: it requires a signed-in, active actor and turns domain
 * errors into a typed result, so no action can forget either. The use-case validates its input and asks
 * the policy itself.
 */
export async function runAsActor<O>(useCase: UseCase<O>, input: unknown): Promise<Result<O>> {
  const actor = await requireActor();
  try {
    return { ok: true, data: await useCase({ actor, db: await getDb(), clock: systemClock, input }) };
  } catch (error) {
    return toFailure(error);
  }
}
