import type { Tx } from "@/lib/db/types";
import type { Actor } from "../../authz/actor";
import type { Clock } from "../../shared/clock";
import { DomainError } from "../../shared/errors";

/**
 * Applies the decided items' outcomes to the registry, set-based, inside the caller's transaction (the close,
 * or a decision in apply mode as_decided). PLACEHOLDER: the engine replaces this body.
 */
export async function applyItems(_tx: Tx, _clock: Clock, _actor: Actor, _args: { runId: string; itemIds?: readonly string[] }): Promise<{ applied: number }> {
  throw new DomainError("CONFLICT", "Applying review outcomes is not built yet.");
}
