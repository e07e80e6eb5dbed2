import type { Db } from "@/lib/db/types";
import type { Actor } from "../authz/actor";
import { enforce } from "../authz/enforce";
import type { Clock } from "../shared/clock";
import { GENESIS_HASH, hashEvent } from "./canonical";

export type ChainReport = { intact: true; checked: number } | { intact: false; checked: number; brokenSeq: string; problem: string };

const BATCH = 2_000;

/**
 * Walks the whole log in order, recomputing each event's hash from its stored fields and checking that it
 * names its predecessor's hash. An edited row fails its own hash; a deleted or inserted row breaks the
 * link of the event after it. Reports the first broken event.
 */
export async function verifyAuditChain({ actor, db, clock }: { actor: Actor; db: Db; clock: Clock }): Promise<ChainReport> {
  await enforce(db, clock, actor, "audit.verify", { type: "audit-log" });
  let expectedPrev = GENESIS_HASH;
  let checked = 0;
  let after: bigint | undefined;
  for (;;) {
    const rows = await db.auditEvent.findMany({
      where: after === undefined ? {} : { seq: { gt: after } },
      orderBy: { seq: "asc" },
      take: BATCH,
    });
    for (const row of rows) {
      const { seq, hash, ...fields } = row;
      if (row.prevHash !== expectedPrev) {
        return broken(checked, seq, "its link to the previous event is broken: an event before it was deleted, inserted or reordered");
      }
      if (hashEvent(fields) !== hash) {
        return broken(checked, seq, "its content no longer matches its hash: the event was edited");
      }
      expectedPrev = hash;
      checked += 1;
    }
    if (rows.length < BATCH) return { intact: true, checked };
    after = rows.at(-1)!.seq;
  }
}

function broken(checked: number, seq: bigint, problem: string): ChainReport {
  return { intact: false, checked, brokenSeq: seq.toString(), problem };
}
