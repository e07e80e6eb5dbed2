import type { Db } from "@/lib/db/types";
import type { Actor } from "../authz/actor";
import type { Clock } from "./clock";

/** What every use-case takes: who asks, the database, the clock, and the raw input it validates itself. */
export type UseCaseArgs<I = unknown> = { actor: Actor; db: Db; clock: Clock; input: I };

/**
 * A use-case. It takes any input (what arrives over the wire is unknown, and it validates it), and carries
 * `I`, the input its schema accepts (`z.input`), so that server actions and forms are typed by it.
 */
export type UseCase<I, O> = ((args: UseCaseArgs) => Promise<O>) & { readonly __input?: I };

export type InputOf<U> = U extends UseCase<infer I, unknown> ? I : never;
