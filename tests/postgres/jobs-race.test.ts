import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Database, openDatabase } from "@/lib/db/open-database";
import type { JobDefinition } from "@/lib/domain/jobs/job-definition";
import { runDueJobs, scheduleOnce } from "@/lib/domain/jobs/scheduler";
import { fixedClock } from "@/lib/domain/shared/clock";
import { startScheduler } from "@/lib/server/scheduler";
import { createTestDatabase, type TestDatabase } from "../helpers/test-database";

// PostgreSQL only (vitest.config.ts includes this folder when TEST_DATABASE_URL is set): two console
// instances, each with its own connection pool, poll the same jobs at the same moment.

// The scheduler loops log each run; not needed here.
process.env.LOG_LEVEL ??= "silent";

let database: TestDatabase;
let second: Database;

beforeAll(async () => {
  database = await createTestDatabase();
  second = await openDatabase(database.url);
});
afterAll(async () => {
  await second.close();
  await database.close();
});

const LEASE = 60_000;
const pause = () => new Promise((resolve) => setTimeout(resolve, 2));

/** A handler counting its runs per job key, with a pause so that runs overlap. */
function counting(handler: string) {
  const runs = new Map<string, number>();
  const definition: JobDefinition = {
    handler,
    description: "Counts its runs",
    async run({ actor }) {
      const key = actor.label.replace("system:job:", "");
      runs.set(key, (runs.get(key) ?? 0) + 1);
      await pause();
    },
  };
  return { definition, runs };
}

async function scheduleMany(handler: string, n: number, at: Date) {
  await database.prisma.$transaction(async (tx) => {
    for (let i = 0; i < n; i += 1) await scheduleOnce(tx, { key: `${handler}:${i}`, handler, runAt: at });
  });
}

describe("jobs with several instances on PostgreSQL", () => {
  it("runs a due job exactly once when two instances poll for it twenty times at once", async () => {
    const clock = fixedClock("2026-11-24T12:00:00.000Z");
    const { definition, runs } = counting("race.once");
    await scheduleMany("race.once", 1, clock.now());
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        runDueJobs(i % 2 === 0 ? database.prisma : second.prisma, clock, [definition], { instance: `instance-${i % 2}`, leaseMs: LEASE }),
      ),
    );
    expect(results.flat().map((r) => r.outcome)).toEqual(["succeeded"]);
    expect(runs.get("race.once:0")).toBe(1);
    const job = await database.prisma.job.findUniqueOrThrow({ where: { key: "race.once:0" }, include: { runs: true } });
    expect(job.runs).toHaveLength(1);
    expect(job).toMatchObject({ lastOutcome: "succeeded", nextRunAt: null, leaseUntil: null });
  });

  it("splits 200 due jobs between two instances' passes, each job run once", async () => {
    const clock = fixedClock("2026-11-24T13:00:00.000Z");
    const { definition, runs } = counting("race.many");
    await scheduleMany("race.many", 200, clock.now());
    const drain = async (db: typeof database.prisma, instance: string) => {
      let ran = 0;
      for (;;) {
        const done = await runDueJobs(db, clock, [definition], { instance, leaseMs: LEASE, limit: 7 });
        if (done.length === 0) return ran;
        ran += done.length;
      }
    };
    const [a, b] = await Promise.all([drain(database.prisma, "instance-a"), drain(second.prisma, "instance-b")]);
    expect(a + b).toBe(200);
    expect(a).toBeGreaterThan(0);
    expect(b).toBeGreaterThan(0);
    expect(runs.size).toBe(200);
    expect([...runs.values()].every((n) => n === 1)).toBe(true);
    const perInstance = await database.prisma.jobRun.groupBy({
      by: ["instance"],
      where: { job: { handler: "race.many" } },
      _count: true,
    });
    expect(Object.fromEntries(perInstance.map((r) => [r.instance, r._count]))).toEqual({ "instance-a": a, "instance-b": b });
  });

  it("two running scheduler loops share a burst of jobs, each run once", async () => {
    const { definition, runs } = counting("race.loops");
    await scheduleMany("race.loops", 60, new Date(Date.now() - 1_000));
    const loops = await Promise.all([
      startScheduler({ db: database.prisma, definitions: [definition], instance: "loop-a", tickMs: 20 }),
      startScheduler({ db: second.prisma, definitions: [definition], instance: "loop-b", tickMs: 20 }),
    ]);
    try {
      await expect
        .poll(() => database.prisma.job.count({ where: { handler: "race.loops", lastOutcome: "succeeded" } }), { timeout: 20_000 })
        .toBe(60);
    } finally {
      await Promise.all(loops.map((l) => l.stop()));
    }
    expect([...runs.values()].every((n) => n === 1)).toBe(true);
    expect(runs.size).toBe(60);
    expect(await database.prisma.jobRun.count({ where: { job: { handler: "race.loops" } } })).toBe(60);
  });
});
