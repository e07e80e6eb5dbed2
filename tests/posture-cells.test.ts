import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { systemActor, type UserActor } from "@/lib/domain/authz/actor";
import { CHECKS } from "@/lib/domain/posture/checks";
import { CONTROL_MASKS } from "@/lib/domain/posture/control-masks";
import { getDashboard } from "@/lib/domain/posture/dashboard";
import { readPackSummary } from "@/lib/domain/posture/evidence/pack-data";
import { FRAMEWORK_IDS, FRAMEWORKS } from "@/lib/domain/posture/frameworks";
import { drainChanged, evaluateAll } from "@/lib/domain/posture/run-evaluation";
import { makeUser } from "./helpers/actors";
import { DAY, makeIdentity, movableClock } from "./helpers/reviews";
import { createTestDatabase, type TestDatabase } from "./helpers/test-database";

// The dashboard's stored counts (PostureCell) against a recount from the identities themselves: after a full run,
// after incremental changes that move identities between cells (team, platform, environment, status, findings),
// and through every filter of the dashboard, the sums match what counting the estate gives. Controls no check
// evidences are shown as not evaluated, on the dashboard and in the evidence pack.

let database: TestDatabase;
let db: TestDatabase["prisma"];
const clock = movableClock("2026-11-25T09:00:00.000Z");
const system = systemActor("system:job:posture");
let owner: UserActor;
let other: UserActor;
let auditor: UserActor;
/** The identities in the order of their specs below. */
const created: string[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
  db = database.prisma;
  [owner, other, auditor] = [await makeUser(db, ["member"]), await makeUser(db, ["member"]), await makeUser(db, ["auditor"])];
  const old = new Date(clock.now().getTime() - 400 * DAY);
  const fresh = new Date(clock.now().getTime() - DAY);
  const specs = [
    { team: "payments", platform: "aws", environment: "production", ownerId: owner.userId, issuedAt: old },
    { team: "payments", platform: "aws", environment: "production", ownerId: owner.userId, issuedAt: fresh },
    { team: "payments", platform: "gcp", environment: "staging", ownerId: other.userId, issuedAt: old },
    { team: "search", platform: "aws", environment: "production", ownerId: null, issuedAt: old },
    { team: null, platform: "github", environment: "development", ownerId: other.userId, issuedAt: fresh },
    { team: "search", platform: "gcp", environment: "production", ownerId: owner.userId, issuedAt: old },
  ];
  for (const s of specs) {
    const identity = await makeIdentity(db, {
      tag: "cells",
      ownerId: s.ownerId,
      environment: s.environment,
      credential: { issuedAt: s.issuedAt, lastUsedAt: fresh },
      scopes: [{ resource: "ledger", level: "read", environment: s.environment }],
    });
    created.push(identity.id);
    await db.identity.update({
      where: { id: identity.id },
      data: { team: s.team, platform: s.platform, createdAt: new Date("2026-01-01T00:00:00Z") },
    });
  }
});
afterAll(() => database.close());

type Filter = { team?: string; platform?: string; environment?: string; owner?: string };

/** What the dashboard should show, counted from the identities, their posture bits and their open findings. */
async function recount(f: Filter) {
  const identities = await db.identity.findMany({
    where: { status: "active", team: f.team, platform: f.platform, environment: f.environment, ownerId: f.owner },
    select: { id: true },
  });
  const ids = identities.map((i) => i.id);
  const posture = await db.identityPosture.findMany({ where: { identityId: { in: ids } } });
  const open = await db.finding.findMany({ where: { identityId: { in: ids }, status: "open" }, select: { severity: true } });
  const bySeverity: Record<string, number> = {};
  for (const x of open) bySeverity[x.severity] = (bySeverity[x.severity] ?? 0) + 1;
  return {
    active: ids.length,
    failing: posture.filter((p) => p.openChecks !== 0n).length,
    controls: CONTROL_MASKS.filter((c) => c.framework === "nist-800-53").map((c) => [
      c.controlId,
      posture.filter((p) => (p.openChecks & c.mask) !== 0n).length,
    ]),
    bySeverity,
  };
}

async function board(f: Filter) {
  const d = await getDashboard({ actor: auditor, db, clock, input: { framework: "nist-800-53", ...f } });
  return {
    active: d.active,
    failing: d.failing,
    controls: d.controls.filter((c) => c.failing !== null).map((c) => [c.id, c.failing]),
    bySeverity: d.bySeverity,
  };
}

const filters = (): Filter[] => [
  {},
  { team: "payments" },
  { platform: "aws" },
  { environment: "production" },
  { team: "search", environment: "production" },
  { owner: owner.userId },
  { owner: other.userId, platform: "gcp" },
];

async function expectCellsMatchARecount() {
  const cells = await db.postureCell.findMany({ where: { identities: { not: 0 } } });
  const posture = await db.identityPosture.findMany({ where: { counted: true } });
  const expected = new Map<string, number>();
  for (const p of posture) {
    const key = [p.team, p.platform, p.environment, p.openChecks].join("|");
    expected.set(key, (expected.get(key) ?? 0) + 1);
  }
  expect(new Map(cells.map((c) => [[c.team, c.platform, c.environment, c.openChecks].join("|"), c.identities]))).toEqual(expected);
  for (const f of filters()) expect(await board(f), JSON.stringify(f)).toEqual(await recount(f));
}

describe("the dashboard's stored counts", () => {
  it("match a recount after a full evaluation, through every filter", async () => {
    await evaluateAll(db, clock, system);
    expect((await board({})).failing).toBeGreaterThan(0);
    await expectCellsMatchARecount();
  });

  it("ends each trend with today's live figure, the whole estate's even when filtered", async () => {
    const whole = await getDashboard({ actor: auditor, db, clock, input: { framework: "nist-800-53" } });
    const narrow = await getDashboard({ actor: auditor, db, clock, input: { framework: "nist-800-53", team: "payments" } });
    expect([whole.filtered, narrow.filtered]).toEqual([false, true]);
    expect(whole.days.at(-1)).toEqual({ day: clock.now().toISOString().slice(0, 10), failing: whole.failing });
    expect(narrow.days.at(-1)).toEqual(whole.days.at(-1));
    expect(narrow.failing).toBeLessThan(whole.failing);
    for (const c of whole.controls.filter((x) => x.failing !== null)) {
      expect(c.trend.at(-1), c.id).toBe(c.failing);
      expect(narrow.controls.find((x) => x.id === c.id)!.trend).toEqual(c.trend);
    }
  });

  it("follow incremental changes that move identities between cells", async () => {
    const [a, b, c, d] = created.map((id) => ({ id }));
    // A team change (the database marks it like any other field), a platform and environment change, an identity
    // suspended, and an owner for the ownerless one (its finding clears): each leaves its cell for another.
    await db.identity.update({ where: { id: a!.id }, data: { team: "search" } });
    await db.identity.update({ where: { id: b!.id }, data: { platform: "azure", environment: "staging" } });
    await db.identity.update({ where: { id: c!.id }, data: { status: "suspended" } });
    await db.identity.update({ where: { id: d!.id }, data: { ownerId: other.userId } });
    const drained = await drainChanged(db, clock);
    expect(drained.identities).toBeGreaterThanOrEqual(4);
    expect((await board({ team: "search" })).active).toBe(3);
    await expectCellsMatchARecount();
    // A full run recounts every cell from the posture rows: nothing moves.
    await evaluateAll(db, clock, system);
    await expectCellsMatchARecount();
  });

  it("lists the controls no check evidences as not evaluated, on the dashboard and in the evidence pack", async () => {
    const d = await getDashboard({ actor: auditor, db, clock, input: { framework: "owasp-nhi" } });
    expect(d.controls.map((c) => c.id)).toEqual(FRAMEWORKS["owasp-nhi"].controls.map((c) => c.id));
    const unevaluated = FRAMEWORKS["owasp-nhi"].controls.filter((c) => !CHECKS.some((k) => k.controls["owasp-nhi"]?.includes(c.id)));
    expect(unevaluated.length).toBeGreaterThan(0);
    for (const c of unevaluated)
      expect(d.controls.find((x) => x.id === c.id)).toMatchObject({ failing: null, passingPct: null, trend: [] });
    const pack = await readPackSummary(db, clock.now(), { at: clock.now(), by: "test" }, { intact: true, checked: 0, problem: null });
    expect(pack.controls).toHaveLength(FRAMEWORK_IDS.reduce((n, id) => n + FRAMEWORKS[id].controls.length, 0));
    expect(pack.controls.filter((c) => c.status === "not evaluated").map((c) => `${c.framework} ${c.controlId}`)).toEqual(
      expect.arrayContaining(unevaluated.map((c) => `${FRAMEWORKS["owasp-nhi"].short} ${c.id}`)),
    );
  });
});
