import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { UserActor } from "@/lib/domain/authz/actor";
import type { JobDefinition } from "@/lib/domain/jobs/job-definition";
import { getJob, listJobs } from "@/lib/domain/jobs/list-jobs";
import { runJobNow } from "@/lib/domain/jobs/run-now";
import { describeSchedule } from "@/lib/domain/jobs/schedule";
import { claimDueJobs, ensureRecurringJobs, runDueJobs, runJob, scheduleOnce } from "@/lib/domain/jobs/scheduler";
import type { Clock } from "@/lib/domain/shared/clock";
import { makeUser } from "./helpers/actors";
import { createTestDatabase, type TestDatabase } from "./helpers/test-database";

let database: TestDatabase;
let db: TestDatabase["prisma"];
let admin: UserActor;
let auditor: UserActor;
let member: UserActor;

beforeAll(async () => {
  database = await createTestDatabase();
  db = database.prisma;
  admin = await makeUser(db, ["admin"]);
  auditor = await makeUser(db, ["auditor"]);
  member = await makeUser(db, ["member"]);
});
afterAll(() => database.close());

/** A clock the test moves by hand. */
function manualClock(start: string): Clock & { set(at: string): void; advance(ms: number): void } {
  let now = new Date(start).getTime();
  return { now: () => new Date(now), set: (at) => (now = new Date(at).getTime()), advance: (ms) => (now += ms) };
}

const LEASE = 60_000;
const pass = (clock: Clock, definitions: JobDefinition[], instance = "test-a") =>
  runDueJobs(db, clock, definitions, { instance, leaseMs: LEASE });

/** A handler that records what it was given. */
function recorder(handler: string, extra: Partial<JobDefinition> = {}) {
  const calls: { payload: unknown; actor: string; at: string }[] = [];
  const definition: JobDefinition = {
    handler,
    description: `Test job ${handler}`,
    async run({ payload, actor, clock }) {
      calls.push({ payload, actor: actor.label, at: clock.now().toISOString() });
      return { summary: `call ${calls.length}` };
    },
    ...extra,
  };
  return { definition, calls };
}

const jobByKey = (key: string) => db.job.findUniqueOrThrow({ where: { key } });
const runsOf = (jobId: string) => db.jobRun.findMany({ where: { jobId }, orderBy: { id: "asc" } });

describe("recurring jobs", () => {
  it("are created with the schedule's next time, run when due and then wait for the next time", async () => {
    const clock = manualClock("2026-11-24T10:00:07.250Z");
    const { definition, calls } = recorder("test.everyTenSeconds", { schedule: "*/10 * * * * *" });
    expect(await ensureRecurringJobs(db, clock, [definition])).toEqual({ created: ["test.everyTenSeconds"], updated: [] });
    // Again (another instance starting, or a restart): nothing new.
    expect(await ensureRecurringJobs(db, clock, [definition])).toEqual({ created: [], updated: [] });
    const job = await jobByKey("test.everyTenSeconds");
    expect(job.nextRunAt?.toISOString()).toBe("2026-11-24T10:00:10.000Z");
    expect(job.description).toBe("Test job test.everyTenSeconds");

    expect(await pass(clock, [definition])).toEqual([]);
    clock.set("2026-11-24T10:00:10.000Z");
    const [result] = await pass(clock, [definition]);
    expect(result).toMatchObject({
      jobKey: "test.everyTenSeconds",
      outcome: "succeeded",
      trigger: "schedule",
      attempt: 1,
      summary: "call 1",
    });
    expect(calls).toEqual([{ payload: null, actor: "system:job:test.everyTenSeconds", at: "2026-11-24T10:00:10.000Z" }]);
    // Due once: a second pass at the same moment finds nothing.
    expect(await pass(clock, [definition])).toEqual([]);

    const after = await jobByKey("test.everyTenSeconds");
    expect(after).toMatchObject({ lastOutcome: "succeeded", attempt: 0, leaseUntil: null, lastError: null });
    expect(after.nextRunAt?.toISOString()).toBe("2026-11-24T10:00:20.000Z");
    const runs = await runsOf(job.id);
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ outcome: "succeeded", trigger: "schedule", attempt: 1, instance: "test-a", summary: "call 1" });
    expect(runs[0]!.durationMs).not.toBeNull();
  });

  it("never waits for a time that no longer comes next when the clock is set back", async () => {
    const clock = manualClock("2026-11-30T10:00:00.000Z");
    const { definition, calls } = recorder("test.setBack", { schedule: "*/5 * * * * *" });
    await ensureRecurringJobs(db, clock, [definition]);
    // A clock a day ahead runs it and schedules the next run a day ahead...
    clock.set("2026-12-01T10:00:05.000Z");
    await pass(clock, [definition]);
    expect((await jobByKey("test.setBack")).nextRunAt?.toISOString()).toBe("2026-12-01T10:00:10.000Z");
    // ...set back, the next pass realigns it to its schedule's next time from now, and it runs then.
    clock.set("2026-11-30T10:00:06.000Z");
    expect(await pass(clock, [definition])).toEqual([]);
    expect((await jobByKey("test.setBack")).nextRunAt?.toISOString()).toBe("2026-11-30T10:00:10.000Z");
    clock.set("2026-11-30T10:00:10.000Z");
    expect((await pass(clock, [definition])).map((r) => r.jobKey)).toEqual(["test.setBack"]);
    expect(calls.map((c) => c.at)).toEqual(["2026-12-01T10:00:05.000Z", "2026-11-30T10:00:10.000Z"]);
  });

  it("follows a changed schedule from the next start-up", async () => {
    const clock = manualClock("2026-11-24T11:00:00.000Z");
    const { definition } = recorder("test.reschedule", { schedule: "0 * * * *" });
    await ensureRecurringJobs(db, clock, [definition]);
    expect((await jobByKey("test.reschedule")).nextRunAt?.toISOString()).toBe("2026-11-24T12:00:00.000Z");
    const changed = { ...definition, schedule: "*/15 * * * *", description: "Every quarter of an hour" };
    expect(await ensureRecurringJobs(db, clock, [changed])).toEqual({ created: [], updated: ["test.reschedule"] });
    const job = await jobByKey("test.reschedule");
    expect(job).toMatchObject({ schedule: "*/15 * * * *", description: "Every quarter of an hour" });
    expect(job.nextRunAt?.toISOString()).toBe("2026-11-24T11:15:00.000Z");
  });

  it("refuses a schedule that is not a cron expression, naming the job", async () => {
    const { definition } = recorder("test.badSchedule", { schedule: "every tuesday" });
    await expect(ensureRecurringJobs(db, manualClock("2026-11-24T11:00:00Z"), [definition])).rejects.toThrow(/test.badSchedule/);
  });

  it("describes common schedules in words", () => {
    expect(describeSchedule("*/5 * * * * *")).toBe("every 5 seconds");
    expect(describeSchedule("0 * * * *")).toBe("every hour at :00");
    expect(describeSchedule("0 8 * * *")).toBe("every day at 08:00 UTC");
    expect(describeSchedule("*/15 * * * *")).toBe("every 15 minutes");
    expect(describeSchedule("0 9 * * 1")).toBe("every Monday at 09:00 UTC");
    expect(describeSchedule("0 9 1-7 * 1")).toBe("on the cron schedule");
    expect(describeSchedule(null)).toBe("once");
  });
});

describe("idle runs", () => {
  it("update the job's last run but keep no history row; a run that did something, or was asked for, keeps one", async () => {
    const clock = manualClock("2026-11-24T11:00:00.500Z");
    let work = 0;
    const definition: JobDefinition = {
      handler: "test.poller",
      description: "Polls for work",
      schedule: "*/5 * * * * *",
      async run() {
        if (work === 0) return { summary: "nothing to do", idle: true };
        work -= 1;
        return { summary: "did one thing" };
      },
    };
    await ensureRecurringJobs(db, clock, [definition]);
    const job = await jobByKey("test.poller");
    clock.advance(5_000);
    expect(await pass(clock, [definition])).toEqual([expect.objectContaining({ outcome: "succeeded", idle: true })]);
    expect(await runsOf(job.id)).toEqual([]);
    expect(await jobByKey("test.poller")).toMatchObject({ lastOutcome: "succeeded", lastFinishedAt: clock.now() });

    work = 1;
    clock.advance(5_000);
    await pass(clock, [definition]);
    expect((await runsOf(job.id)).map((r) => r.summary)).toEqual(["did one thing"]);

    await runJobNow({ actor: admin, db, clock, input: { id: job.id } });
    await pass(clock, [definition]);
    expect((await runsOf(job.id)).map((r) => [r.trigger, r.summary])).toEqual([
      ["schedule", "did one thing"],
      ["manual", "nothing to do"],
    ]);
  });
});

describe("one-off jobs", () => {
  it("are scheduled once per key, run once at their time with their payload, and are then left without a next run", async () => {
    const clock = manualClock("2026-11-24T12:00:00.000Z");
    const { definition, calls } = recorder("test.expireGrant");
    const runAt = new Date("2026-11-24T12:30:00.000Z");
    const first = await db.$transaction((tx) =>
      scheduleOnce(tx, { key: "test.expireGrant:g1", handler: "test.expireGrant", runAt, payload: { grantId: "g1" } }),
    );
    const again = await db.$transaction((tx) =>
      scheduleOnce(tx, {
        key: "test.expireGrant:g1",
        handler: "test.expireGrant",
        runAt: new Date("2026-11-24T13:00:00Z"),
        payload: { grantId: "other" },
      }),
    );
    expect([first.created, again.created]).toEqual([true, false]);
    // A workflow that rolls back schedules nothing.
    await expect(
      db.$transaction(async (tx) => {
        await scheduleOnce(tx, { key: "test.expireGrant:rolled-back", handler: "test.expireGrant", runAt });
        throw new Error("the workflow failed");
      }),
    ).rejects.toThrow();
    expect(await db.job.count({ where: { key: "test.expireGrant:rolled-back" } })).toBe(0);

    clock.set("2026-11-24T12:29:59.999Z");
    expect(await pass(clock, [definition])).toEqual([]);
    clock.set("2026-11-24T12:30:00.000Z");
    expect((await pass(clock, [definition])).map((r) => r.outcome)).toEqual(["succeeded"]);
    clock.advance(3_600_000);
    expect(await pass(clock, [definition])).toEqual([]);
    expect(calls).toEqual([{ payload: { grantId: "g1" }, actor: "system:job:test.expireGrant:g1", at: "2026-11-24T12:30:00.000Z" }]);
    expect(await jobByKey("test.expireGrant:g1")).toMatchObject({ nextRunAt: null, lastOutcome: "succeeded", attempt: 0 });
  });

  it("can be moved to another time when the workflow says so (replace)", async () => {
    const runAt = new Date("2026-11-24T14:00:00.000Z");
    await db.$transaction((tx) => scheduleOnce(tx, { key: "test.move:1", handler: "test.move", runAt }));
    await db.$transaction((tx) =>
      scheduleOnce(tx, {
        key: "test.move:1",
        handler: "test.move",
        runAt: new Date("2026-11-24T15:00:00.000Z"),
        payload: { n: 2 },
        replace: true,
      }),
    );
    const job = await jobByKey("test.move:1");
    expect(job.nextRunAt?.toISOString()).toBe("2026-11-24T15:00:00.000Z");
    expect(job.payload).toEqual({ n: 2 });
  });
});

const GITHUB_TOKEN = "ghp_Zx8Qk2Lm9Pq4Rt7Vw1Yb3Nc6Hd5Jf0Gs8Ae2K";

describe("failures", () => {
  it("are retried with growing waits, then marked failed with the error (redacted) for admins to see, and told to them", async () => {
    const clock = manualClock("2026-11-24T16:00:00.000Z");
    let calls = 0;
    const failing: JobDefinition = {
      handler: "test.failing",
      description: "Always fails",
      maxAttempts: 3,
      async run() {
        calls += 1;
        throw new Error(`upstream refused the token ${GITHUB_TOKEN} (attempt ${calls})`);
      },
    };
    await db.$transaction((tx) => scheduleOnce(tx, { key: "test.failing:1", handler: "test.failing", runAt: clock.now(), maxAttempts: 3 }));

    const first = await pass(clock, [failing]);
    expect(first).toMatchObject([{ outcome: "retrying", attempt: 1, trigger: "schedule" }]);
    let job = await jobByKey("test.failing:1");
    expect(job).toMatchObject({ lastOutcome: "retrying", attempt: 1 });
    expect(job.nextRunAt?.toISOString()).toBe("2026-11-24T16:00:30.000Z");
    expect(job.lastError).toContain("upstream refused the token");
    expect(job.lastError).not.toContain(GITHUB_TOKEN);

    // Not before the wait is over.
    clock.set("2026-11-24T16:00:29.000Z");
    expect(await pass(clock, [failing])).toEqual([]);
    clock.set("2026-11-24T16:00:30.000Z");
    expect(await pass(clock, [failing])).toMatchObject([{ outcome: "retrying", attempt: 2, trigger: "retry" }]);
    job = await jobByKey("test.failing:1");
    expect(job.nextRunAt?.toISOString()).toBe("2026-11-24T16:01:30.000Z"); // twice the first wait

    clock.set("2026-11-24T16:01:30.000Z");
    expect(await pass(clock, [failing])).toMatchObject([{ outcome: "failed", attempt: 3, trigger: "retry" }]);
    job = await jobByKey("test.failing:1");
    expect(job).toMatchObject({ lastOutcome: "failed", nextRunAt: null, attempt: 0 });
    clock.advance(86_400_000);
    expect(await pass(clock, [failing])).toEqual([]);
    expect(calls).toBe(3);

    // Visible to admins and auditors, with the error and every attempt.
    for (const reader of [admin, auditor]) {
      const list = await listJobs({ actor: reader, db, clock, input: { view: "problems" } });
      const listed = list.jobs.find((j) => j.key === "test.failing:1")!;
      expect(listed).toMatchObject({ lastOutcome: "failed", handler: "test.failing", schedule: null, scheduleInWords: "once" });
      expect(listed.lastError).toMatch(/upstream refused the token \[redacted: .*\] \(attempt 3\)/);
      expect(listed.recentRuns.map((r) => [r.attempt, r.outcome, r.trigger])).toEqual([
        [3, "failed", "retry"],
        [2, "failed", "retry"],
        [1, "failed", "schedule"],
      ]);
      expect(listed.recentRuns.every((r) => r.error && !r.error.includes(GITHUB_TOKEN))).toBe(true);
    }

    // The admins are told (one job.failed event for the job, linking to its page).
    const events = await db.outboxEvent.findMany({ where: { type: "job.failed" } });
    const told = events.filter((e) => (e.payload as { data: { jobKey: string } }).data.jobKey === "test.failing:1");
    expect(told).toHaveLength(1);
    const payload = told[0]!.payload as { recipients: string[]; link: string; body: string };
    expect(payload.recipients).toContain(admin.userId);
    expect(payload.recipients).not.toContain(auditor.userId);
    expect(payload.link).toBe(`/admin/jobs/${job.id}`);
    expect(JSON.stringify(told[0]!.payload)).not.toContain(GITHUB_TOKEN);
  });

  it("a recurring job that fails for good waits for its next time with its attempts reset, and tells admins once while it keeps failing", async () => {
    const clock = manualClock("2026-11-25T09:59:00.000Z");
    const failing: JobDefinition = {
      handler: "test.recurringFailing",
      description: "Fails every time",
      schedule: "0 * * * *",
      maxAttempts: 1,
      async run() {
        throw new Error("the directory is down");
      },
    };
    await ensureRecurringJobs(db, clock, [failing]);
    for (const at of ["2026-11-25T10:00:00.000Z", "2026-11-25T11:00:00.000Z"]) {
      clock.set(at);
      expect(await pass(clock, [failing])).toMatchObject([{ outcome: "failed", attempt: 1 }]);
    }
    const job = await jobByKey("test.recurringFailing");
    expect(job).toMatchObject({ lastOutcome: "failed", attempt: 0, lastError: "the directory is down" });
    expect(job.nextRunAt?.toISOString()).toBe("2026-11-25T12:00:00.000Z");
    const events = await db.outboxEvent.findMany({ where: { type: "job.failed" } });
    expect(events.filter((e) => (e.payload as { data: { jobKey: string } }).data.jobKey === "test.recurringFailing")).toHaveLength(1);
  });
});

describe("a crashed instance", () => {
  it("leaves its job leased until the lease ends; then another instance runs it again and the old run is marked abandoned", async () => {
    const clock = manualClock("2026-11-24T18:00:00.000Z");
    const { definition, calls } = recorder("test.crash");
    await db.$transaction((tx) => scheduleOnce(tx, { key: "test.crash:1", handler: "test.crash", runAt: clock.now() }));

    // Instance A claims the job and dies before running it to the end.
    const [claimed] = await claimDueJobs(db, clock, "instance-a", LEASE, 10, ["test.crash"]);
    expect(claimed).toMatchObject({ key: "test.crash:1", trigger: "schedule", attempt: 0 });
    // While A's lease lasts, nobody else takes it.
    clock.advance(LEASE - 1);
    expect(await pass(clock, [definition], "instance-b")).toEqual([]);

    clock.advance(2);
    const [taken] = await pass(clock, [definition], "instance-b");
    expect(taken).toMatchObject({ outcome: "succeeded", trigger: "lease", attempt: 2 });
    expect(calls).toHaveLength(1);
    const job = await jobByKey("test.crash:1");
    const runs = await runsOf(job.id);
    expect(runs.map((r) => [r.instance, r.trigger, r.outcome])).toEqual([
      ["instance-a", "schedule", "abandoned"],
      ["instance-b", "lease", "succeeded"],
    ]);
    expect(runs[0]!.error).toMatch(/lease expired/);
    expect(job).toMatchObject({ lastOutcome: "succeeded", leaseUntil: null, nextRunAt: null });

    // A comes back to life and finishes: its outcome no longer counts and overwrites nothing.
    const late = await runJob(db, clock, claimed!, definition, { instance: "instance-a", leaseMs: LEASE });
    expect(late.outcome).toBe("lost");
    expect((await runsOf(job.id)).map((r) => r.outcome)).toEqual(["abandoned", "succeeded"]);
  });
});

describe("a long run", () => {
  it("keeps its lease while the handler works, so no other instance takes the job up meanwhile", async () => {
    const clock = manualClock("2026-11-24T19:00:00.000Z");
    let release!: () => void;
    const finished = new Promise<void>((resolve) => (release = resolve));
    let started!: () => void;
    const running = new Promise<void>((resolve) => (started = resolve));
    const slow: JobDefinition = {
      handler: "test.slow",
      description: "Takes longer than its lease",
      async run() {
        started();
        await finished;
      },
    };
    await db.$transaction((tx) => scheduleOnce(tx, { key: "test.slow:1", handler: "test.slow", runAt: clock.now() }));
    const [claimed] = await claimDueJobs(db, clock, "instance-a", LEASE, 10, ["test.slow"]);
    const run = runJob(db, clock, claimed!, slow, { instance: "instance-a", leaseMs: LEASE, heartbeatMs: 5 });
    await running;
    // Time passes beyond the first lease; the heartbeat extends it from the (injected) clock.
    clock.advance(LEASE - 1_000);
    const firstLease = claimed!.leaseUntil.getTime();
    await expect.poll(async () => (await jobByKey("test.slow:1")).leaseUntil!.getTime()).toBeGreaterThan(firstLease);
    clock.advance(2_000);
    expect(await claimDueJobs(db, clock, "instance-b", LEASE, 10, ["test.slow"])).toEqual([]);
    release();
    expect((await run).outcome).toBe("succeeded");
    expect((await runsOf((await jobByKey("test.slow:1")).id)).map((r) => [r.instance, r.outcome])).toEqual([["instance-a", "succeeded"]]);
  });
});

describe("run now", () => {
  it("runs the job at the next pass with trigger manual, audited; refused while it runs", async () => {
    const clock = manualClock("2026-11-24T20:00:05.000Z");
    const { definition, calls } = recorder("test.daily", { schedule: "0 8 * * *" });
    await ensureRecurringJobs(db, clock, [definition]);
    const job = await jobByKey("test.daily");

    const result = await runJobNow({ actor: admin, db, clock, input: { id: job.id } });
    expect(result).toMatchObject({ key: "test.daily", nextRunAt: "2026-11-24T20:00:05.000Z" });
    const audit = await db.auditEvent.findFirstOrThrow({ where: { action: "job.runNow", targetId: job.id }, orderBy: { seq: "desc" } });
    expect(audit).toMatchObject({ outcome: "allowed", actorId: admin.userId, targetLabel: "test.daily" });

    const claimed = await claimDueJobs(db, clock, "test-a", LEASE, 10, ["test.daily"]);
    expect(claimed.map((c) => c.trigger)).toEqual(["manual"]);
    // While it runs, "Run now" again is a conflict, not a second run.
    await expect(runJobNow({ actor: admin, db, clock, input: { id: job.id } })).rejects.toMatchObject({ code: "CONFLICT" });
    await runJob(db, clock, claimed[0]!, definition, { instance: "test-a", leaseMs: LEASE });
    expect(calls).toHaveLength(1);
    // Then back to its schedule.
    expect((await jobByKey("test.daily")).nextRunAt?.toISOString()).toBe("2026-11-25T08:00:00.000Z");
    const { runs } = await getJob({ actor: auditor, db, clock, input: { id: job.id } });
    expect(runs.runs.map((r) => [r.trigger, r.outcome])).toEqual([["manual", "succeeded"]]);
  });

  it("is refused (and the refusal recorded) for an auditor, a member and an unknown job", async () => {
    const clock = manualClock("2026-11-24T21:00:00.000Z");
    const job = await jobByKey("test.daily");
    for (const actor of [auditor, member]) {
      await expect(runJobNow({ actor, db, clock, input: { id: job.id } })).rejects.toMatchObject({ code: "FORBIDDEN" });
      expect(
        await db.auditEvent.count({ where: { action: "job.runNow", actorId: actor.userId, outcome: "denied", targetId: job.id } }),
      ).toBe(1);
    }
    await expect(runJobNow({ actor: admin, db, clock, input: { id: "00000000-0000-4000-8000-000000000000" } })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await expect(runJobNow({ actor: admin, db, clock, input: { id: "not-an-id" } })).rejects.toMatchObject({
      code: "VALIDATION",
      fieldErrors: { id: ["id must be a job id"] },
    });
    expect((await jobByKey("test.daily")).runRequestedAt).toBeNull();
  });

  it("the list is refused (and recorded) for a member", async () => {
    const clock = manualClock("2026-11-24T21:00:00.000Z");
    await expect(listJobs({ actor: member, db, clock, input: {} })).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await db.auditEvent.count({ where: { action: "job.list", actorId: member.userId, outcome: "denied" } })).toBe(1);
  });
});

describe("the run history", () => {
  it("is paged on the server, newest first, and filtered by outcome", async () => {
    const clock = manualClock("2026-11-26T00:00:00.000Z");
    const { definition } = recorder("test.history", { schedule: "* * * * * *" });
    await ensureRecurringJobs(db, clock, [definition]);
    for (let i = 0; i < 30; i += 1) {
      clock.advance(1_000);
      await pass(clock, [definition]);
    }
    const job = await jobByKey("test.history");
    const first = await getJob({ actor: admin, db, clock, input: { id: job.id } });
    expect(first.runs).toMatchObject({ total: 30, page: 1, pageSize: 25 });
    expect(first.runs.runs).toHaveLength(25);
    expect(first.runs.runs[0]!.startedAt).toBe("2026-11-26T00:00:30.000Z");
    const second = await getJob({ actor: admin, db, clock, input: { id: job.id, page: "2" } });
    expect(second.runs.runs.map((r) => r.startedAt)).toEqual([
      "2026-11-26T00:00:05.000Z",
      "2026-11-26T00:00:04.000Z",
      "2026-11-26T00:00:03.000Z",
      "2026-11-26T00:00:02.000Z",
      "2026-11-26T00:00:01.000Z",
    ]);
    // Past the end: the last page.
    expect((await getJob({ actor: admin, db, clock, input: { id: job.id, page: "9" } })).runs.page).toBe(2);
    expect((await getJob({ actor: admin, db, clock, input: { id: job.id, outcome: "failed" } })).runs.total).toBe(0);
    // The list shows the last five.
    const listed = (await listJobs({ actor: admin, db, clock, input: {} })).jobs.find((j) => j.id === job.id)!;
    expect(listed.recentRuns).toHaveLength(5);
    expect(listed.recentRuns[0]!.startedAt).toBe("2026-11-26T00:00:30.000Z");
  });
});
