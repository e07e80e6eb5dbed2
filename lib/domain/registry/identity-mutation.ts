import type { z } from "zod";
import type { Identity } from "@/lib/db/generated/client";
import type { Tx } from "@/lib/db/types";
import type { IdentityTarget } from "../authz/policy";
import { type EventDraft, defineMutation, identitySubject } from "../shared/define-mutation";
import type { UseCase } from "../shared/use-case";
import { loadIdentityTarget } from "./load-identity-target";

type IdentityAction = "identity.update" | "identity.setStatus" | "identity.rotate" | "identity.scopes" | "identity.transfer";

/**
 * A change to one existing identity, on the one mutation path: locked by the identity's id, loaded,
 * judged by the policy on its ownership, applied and audited together. `identityId` picks the id out of
 * the validated input; `resolve` may look it up first (a scope id names its identity).
 */
export function defineIdentityMutation<S extends z.ZodType, R>(def: {
  action: IdentityAction;
  input: S;
  identityId: (input: z.output<S>) => string;
  subjectField?: string;
  change: (ctx: { tx: Tx; identity: Identity; input: z.output<S>; now: Date }) => Promise<{ result: R; events: EventDraft | EventDraft[] }>;
}): UseCase<z.input<S>, R> {
  return defineMutation<IdentityAction, S, IdentityTarget & { identity: Identity }, R>({
    action: def.action,
    input: def.input,
    subject: identitySubject(def.subjectField),
    lockKey: (input) => `identity:${def.identityId(input)}`,
    load: (tx, input) => loadIdentityTarget(tx, def.identityId(input)),
    change: ({ tx, input, target, clock }) => def.change({ tx, identity: target.identity, input, now: clock.now() }),
  });
}
