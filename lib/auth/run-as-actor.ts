import "server-only";
import { headers } from "next/headers";
import { serverClock } from "@/lib/server/clock";
import type { UseCase } from "@/lib/domain/shared/use-case";
import { HTTP_STATUS, type Result, toFailure } from "@/lib/domain/shared/errors";
import { getDb } from "@/lib/server/database";
import { logUseCase } from "@/lib/server/logger";
import { requireActor } from "./actor";

/**
 * The one way a page loader or server action runs a use-case: it requires a signed-in, active actor and
 * turns domain errors into a typed result, so no action can forget either. The use-case checks the role,
 * validates its input and asks the policy itself; `input` is typed by the use-case's schema for the forms,
 * but whatever a caller really sends is validated all the same. Each run is one line of the server's log
 * (lib/server/logger.ts): who, which use-case, the outcome and how long it took.
 */
export async function runAsActor<I, O>(useCase: UseCase<I, O>, input: I): Promise<Result<O>> {
  const actor = await requireActor();
  const startedAt = performance.now();
  const path = (await headers()).get("x-request-path");
  const line = { actor, useCase: useCase.name, path, startedAt };
  try {
    const data = await useCase({ actor, db: await getDb(), clock: serverClock, input });
    void logUseCase({ ...line, outcome: "ok", status: 200 });
    return { ok: true, data };
  } catch (error) {
    let failure: ReturnType<typeof toFailure>;
    try {
      failure = toFailure(error);
    } catch (fault) {
      void logUseCase({ ...line, outcome: "error", status: 500, error: fault });
      throw fault;
    }
    void logUseCase({ ...line, outcome: failure.code, status: HTTP_STATUS[failure.code] });
    return failure;
  }
}
