import type { Db } from "@/lib/db/types";
import type { Actor } from "../authz/actor";
import type { Clock } from "./clock";

/** What every use-case takes: who asks, the database, the clock, and the raw input it validates itself. */
export type UseCaseArgs = { actor: Actor; db: Db; clock: Clock; input: unknown };
