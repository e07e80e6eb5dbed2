import type { z } from "zod";
import { isRetryable } from "@/lib/db/database-errors";
import type { Tx } from "@/lib/db/types";
import { type AuditEventInput, type AuditTarget, appendAuditEvents } from "../audit/append-audit-event";
import type { Actor } from "../authz/actor";
import { describeTarget, refuse } from "../authz/enforce";
import { type Action, type Decision, type TargetFor, authorize, mayAttempt, targetTypeOf } from "../authz/policy";
import type { Clock } from "./clock";
import { fromDatabaseError } from "./errors";
import type { UseCase, UseCaseArgs } from "./use-case";
import { validate } from "./validate";

/** An audit event as a change describes it; actor, outcome and (by default) action and target are filled in. */
export type EventDraft = Omit<AuditEventInput, "actor" | "outcome" | "action" | "target"> & { action?: string; target?: AuditTarget };

type ChangeContext<I, T> = { tx: Tx; actor: Actor; clock: Clock; input: I; target: T };

export type MutationDefinition<A extends Action, S extends z.ZodType, T extends TargetFor<A>, R> = {
  action: A;
  input: S;
  /**
   * What the change must hold exclusively while the policy judges and the change applies: a key per target
   * (`identity:<id>`), so edits of different identities never wait on each other; one shared key only where
   * a rule reads other rows (the "last admin" rule counts admins).
   */
  lockKey: (input: z.output<S>, actor: Actor) => string;
  /** The target as it is now, inside the transaction and under the lock; NOT_FOUND when missing. */
  load: (tx: Tx, input: z.output<S>) => Promise<T>;
  change: (ctx: ChangeContext<z.output<S>, T>) => Promise<{ result: R; events: EventDraft | EventDraft[] }>;
  /** For the record of a refusal that happens before the input is read: what the caller named, if safe to record. */
  subject?: (raw: unknown) => AuditTarget;
  /**
   * How long the transaction may run (Prisma's default is 5 s). Only set-based changes of a whole estate need more:
   * a review launch snapshots every identity in scope in one transaction.
   */
  timeoutMs?: number;
};

const MAX_ATTEMPTS = 3;

/**
 * The one way to define a change. Every mutation runs the same path:
 *   role check (refusals recorded, before the input is even read, so a caller learns nothing)
 *   -> validation (zod; a 400 naming each field)
 *   -> one transaction: lock keyed by the target -> load -> authorize on the loaded state -> change -> audit events
 * A refusal after loading rolls the transaction back and is recorded on its own. Database refusals a caller
 * can cause (a unique or foreign-key violation in a race) become CONFLICT or VALIDATION; serialization
 * failures and deadlocks are retried.
 */
export function defineMutation<A extends Action, S extends z.ZodType, T extends TargetFor<A>, R>(
  def: MutationDefinition<A, S, T, R>,
): UseCase<z.input<S>, R> {
  const useCase: UseCase<z.input<S>, R> = async ({ actor, db, clock, input: raw }): Promise<R> => {
    await checkRole({ actor, db, clock, input: raw }, def.action, def.subject);
    const input = await validate(def.input, raw);
    for (let attemptNo = 1; ; attemptNo += 1) {
      try {
        const outcome = await db.$transaction(
          async (tx): Promise<{ result: R } | { refused: Decision; target: T }> => {
            await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${def.lockKey(input, actor)}, 0))`;
            const target = await def.load(tx, input);
            const decision = authorize(actor, def.action, ...([target] as never));
            if (!decision.allowed) return { refused: decision, target };
            const { result, events } = await def.change({ tx, actor, clock, input, target });
            const drafts = Array.isArray(events) ? events : [events];
            await appendAuditEvents(
              tx,
              drafts.map((e) => ({
                ...e,
                actor,
                outcome: "allowed",
                action: e.action ?? def.action,
                target: e.target ?? describeTarget(target),
              })),
              clock,
            );
            return { result };
          },
          def.timeoutMs ? { timeout: def.timeoutMs } : undefined,
        );
        if ("result" in outcome) return outcome.result;
        return await refuse(db, clock, actor, def.action, describeTarget(outcome.target), outcome.refused);
      } catch (error) {
        if (attemptNo < MAX_ATTEMPTS && isRetryable(error)) continue;
        throw fromDatabaseError(error) ?? error;
      }
    }
  };
  // Named after its action, so the server's log (runAsActor) can say which use-case ran.
  return Object.defineProperty(useCase, "name", { value: def.action });
}

/**
 * The first step of every change: refuses (and records) a caller whose roles can never do this, before the
 * input is read, so a malformed write by the wrong role is a recorded refusal, not a validation hint.
 */
export async function checkRole(
  { actor, db, clock, input }: UseCaseArgs,
  action: Action,
  subject?: (raw: unknown) => AuditTarget,
): Promise<void> {
  const attempt = mayAttempt(actor, action);
  if (!attempt.allowed) await refuse(db, clock, actor, action, subject?.(input) ?? { type: targetTypeOf(action) }, attempt);
}

/** The subject of an identity change named by `field` of the raw input: recorded only if it is an id. */
export const identitySubject =
  (field = "id") =>
  (raw: unknown): AuditTarget => {
    const value = raw && typeof raw === "object" ? (raw as Record<string, unknown>)[field] : undefined;
    return { type: "identity", id: typeof value === "string" && UUID.test(value) ? value : null };
  };

export const userSubject = (raw: unknown): AuditTarget => ({ ...identitySubject("userId")(raw), type: "user" });

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
