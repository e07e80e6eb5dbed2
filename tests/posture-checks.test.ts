import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { UserActor } from "@/lib/domain/authz/actor";
import { CHECK_IDS, CHECKS, CHECKS_VERSION } from "@/lib/domain/posture/checks";
import { evaluate, readThresholds } from "@/lib/domain/posture/evaluate";
import { controlOf, FRAMEWORK_IDS, FRAMEWORKS, type FrameworkId, isKnownOtherReference } from "@/lib/domain/posture/frameworks";
import { refreshCredentialSummary } from "@/lib/domain/registry/credentials/credential-summary";
import { makeUser } from "./helpers/actors";
import { DAY, launchTagged, makeIdentity, movableClock, type ScopeSpec } from "./helpers/reviews";
import { createTestDatabase, type TestDatabase } from "./helpers/test-database";

// Every posture check, held two ways. Its mapping: each control it names exists in frameworks.ts, its severity is
// OWASP's rating of the first OWASP risk it evidences, and the team's proposed mapping (shared/frameworks.md) is
// there in full. Its predicate: for each check an identity that fails it beside its closest near-miss that passes,
// evaluated by the database (PGlite here, PostgreSQL with TEST_DATABASE_URL), with the exact checks that differ.

// ---------------------------------------------------------------------------------------------------------------
// The mapping

// The "proposed check -> control mapping" table of frameworks.md, cell for cell (OWASP | CSF 2.0 | SP 800-53 | other).
const PROPOSED_MAPPING: [checkId: string, row: string, owasp: string, csf: string, sp80053: string, other: string][] = [
  ["ownerless", "ownerless identity", "NHI1", "GV.RR-02, PR.AA-01, ID.AM-02", "AC-2, AC-2(3), IA-4", "A.5.16, CC6.2"],
  ["departed-owner", "owner departed or deactivated", "NHI1", "PR.AA-05, GV.RR-04", "AC-2, PS-4", "A.5.18, CC6.2"],
  ["expired-but-active", "credential expired but identity active", "NHI7, NHI1", "PR.AA-01", "AC-2(3), IA-5", "A.5.17"],
  ["not-rotated", "credential not rotated within policy", "NHI7", "PR.AA-01", "IA-5", "A.5.17"],
  ["lifetime-too-long", "credential lifetime longer than policy", "NHI7", "PR.AA-01, PR.AA-03", "IA-5", "ZT 3, 6"],
  ["unused", "unused for longer than policy (e.g. 90 days)", "NHI1", "PR.AA-05, ID.AM-08", "AC-2(3), AC-2 j.", "A.5.18, CC6.3"],
  ["privileged-in-production", "admin or write scope in production", "NHI5", "PR.AA-05", "AC-6, AC-6(5), AC-6(7)", "ZT 4, A.8.2, CC6.3"],
  ["wildcard-scope", "wildcard scope", "NHI5", "PR.AA-05", "AC-6", "A.8.2, CC6.3"],
  ["shared-across-environments", "shared across environments", "NHI8", "PR.IR-01, PR.AA-05", "AC-6, IA-4", ""],
  ["reused-by-workloads", "reused by several workloads", "NHI9", "PR.AA-01, PR.AA-03, DE.CM-09", "IA-4, IA-9, AC-2(9)", "A.5.16"],
  ["human-use", "interactive human use", "NHI10", "DE.CM-03, PR.AA-03", "AC-2(12), AU-6", "A.8.5, CC6.1"],
  [
    "third-party-broad-scope",
    "third party with broad scope",
    "NHI3, NHI5",
    "GV.SC-07, ID.AM-04, DE.CM-06",
    "SA-9, AC-6",
    "AI RMF GOVERN 6.1 / MANAGE 3.1 when an AI vendor",
  ],
  [
    "static-secret-federation-possible",
    "static secret where federation is possible",
    "NHI7, NHI6, NHI2",
    "PR.AA-03, PR.AA-04",
    "IA-5(7), IA-9",
    "ZT 3, 6",
  ],
  ["review-overdue", "access review overdue", "(supports NHI1, NHI5)", "PR.AA-05", "AC-2 j., AC-6(7)", "A.5.18, CC6.2"],
  ["elevation-past-expiry", "break-glass grant active past expiry", "(supports NHI5)", "PR.AA-05, ID.RA-07", "AC-2(2), AC-2(3)", "ZT 3"],
  ["breakglass-without-review", "break-glass use without after-action review", "—", "ID.RA-07, DE.CM-03", "AC-2(4), AC-6(9), AU-6", ""],
  [
    "ai-agent-without-sponsor",
    "AI agent without an accountable human owner",
    "NHI1",
    "GV.RR-02, PR.AA-01",
    "AC-2",
    "AI RMF GOVERN 1.6, 2.1, 3.2, MANAGE 2.4",
  ],
];

type Mapping = Partial<Record<FrameworkId | "other", string[]>>;

const list = (cell: string) =>
  cell
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);

/** One table row as the check's controls: "ZT n" is SP 800-207 tenet "ZT-n", "AI RMF …" the AI RMF's ids. */
function mappingOf([, , owasp, csf, sp80053, other]: (typeof PROPOSED_MAPPING)[number]): Mapping {
  const mapping: Mapping = {
    "owasp-nhi": owasp === "—" ? [] : list(owasp.replace(/^\(supports (.*)\)$/, "$1")),
    "nist-csf-2": list(csf),
    "nist-800-53": list(sp80053),
    "nist-800-207": [],
    "nist-ai-rmf": [],
    other: [],
  };
  const ai = /^AI RMF (.*?)( when an AI vendor)?$/.exec(other);
  if (ai) {
    // "GOVERN 1.6, 2.1, 3.2, MANAGE 2.4": a bare number continues the function named before it.
    let fn = "";
    for (const part of ai[1]!.split(/,|\//).map((s) => s.trim())) {
      const named = /^([A-Z]+) (.*)$/.exec(part);
      if (named) fn = named[1]!;
      mapping["nist-ai-rmf"]!.push(named ? part : `${fn} ${part}`);
    }
    return mapping;
  }
  let tenets = false;
  for (const part of list(other)) {
    const zt = /^(?:ZT )?(\d)$/.exec(part);
    if (part.startsWith("ZT ")) tenets = true;
    if (tenets && zt) mapping["nist-800-207"]!.push(`ZT-${zt[1]}`);
    else {
      tenets = false;
      mapping.other!.push(part);
    }
  }
  return mapping;
}

const sorted = (ids: string[] | undefined) => [...(ids ?? [])].sort();

describe("the checks' mapping", () => {
  it("is versioned as a date and a serial number (YYYY-MM-DD.N)", () => {
    const match = /^(\d{4}-\d{2}-\d{2})\.([1-9]\d*)$/.exec(CHECKS_VERSION);
    expect(match).not.toBeNull();
    expect(new Date(`${match![1]}T00:00:00Z`).toISOString().slice(0, 10)).toBe(match![1]);
  });

  it("has unique check ids, each mapped to at least one control", () => {
    expect(new Set(CHECK_IDS).size).toBe(CHECK_IDS.length);
    for (const check of CHECKS) expect(Object.values(check.controls).flat().length, check.id).toBeGreaterThan(0);
  });

  it("names only controls that frameworks.ts holds, and only known ISO 27001 / SOC 2 references", () => {
    for (const check of CHECKS) {
      for (const [framework, ids] of Object.entries(check.controls)) {
        expect(new Set(ids).size, `${check.id} ${framework}`).toBe(ids.length);
        for (const id of ids) {
          if (framework === "other") expect(isKnownOtherReference(id), `${check.id} other ${id}`).toBe(true);
          else expect(() => controlOf(framework as FrameworkId, id), `${check.id} ${framework} ${id}`).not.toThrow();
        }
      }
    }
  });

  it("takes its severity from OWASP's rating of the first OWASP risk it evidences (none: exempt)", () => {
    for (const check of CHECKS) {
      const first = check.controls["owasp-nhi"]?.[0];
      if (!first) continue;
      const rating = controlOf("owasp-nhi", first).rating;
      expect(rating, `${check.id} ${first}`).toBeTruthy();
      expect(check.severity, `${check.id} (${first})`).toBe(rating!.severity);
    }
    expect(CHECKS.filter((c) => !c.controls["owasp-nhi"]?.length).map((c) => c.id)).toEqual(["breakglass-without-review"]);
  });

  it("evidences at least one control of every framework", () => {
    for (const framework of FRAMEWORK_IDS) {
      const evidenced = new Set(CHECKS.flatMap((c) => c.controls[framework] ?? []));
      expect(
        FRAMEWORKS[framework].controls.some((c) => evidenced.has(c.id)),
        framework,
      ).toBe(true);
    }
  });

  it("reads only thresholds the posture policy has", async () => {
    const known = Object.keys(await readThresholds({ posturePolicy: { findUnique: async () => null } } as never));
    for (const check of CHECKS) for (const t of check.thresholds) expect(known, `${check.id} ${t}`).toContain(t);
  });

  it("represents the proposed check -> control mapping of frameworks.md in full, row by row", () => {
    // Every row is a check; the one check beyond the table (expiring soon) is the console's own addition.
    const rows = PROPOSED_MAPPING.map((r) => r[0]);
    expect(rows).toEqual(CHECK_IDS.filter((id) => rows.includes(id)));
    expect(CHECK_IDS.filter((id) => !rows.includes(id))).toEqual(["expiring-soon"]);
    for (const row of PROPOSED_MAPPING) {
      const check = CHECKS.find((c) => c.id === row[0])!;
      const expected = mappingOf(row);
      for (const key of [...FRAMEWORK_IDS, "other"] as const)
        expect(sorted(check.controls[key]), `${row[1]}: ${key}`).toEqual(sorted(expected[key]));
    }
  });

  it("reads the table's shorthand as intended", () => {
    const byId = (id: string) => mappingOf(PROPOSED_MAPPING.find((r) => r[0] === id)!);
    expect(byId("privileged-in-production")).toMatchObject({ "nist-800-207": ["ZT-4"], other: ["A.8.2", "CC6.3"] });
    expect(byId("lifetime-too-long")).toMatchObject({ "nist-800-207": ["ZT-3", "ZT-6"], other: [] });
    expect(byId("review-overdue")["owasp-nhi"]).toEqual(["NHI1", "NHI5"]);
    expect(byId("breakglass-without-review")["owasp-nhi"]).toEqual([]);
    expect(byId("third-party-broad-scope")["nist-ai-rmf"]).toEqual(["GOVERN 6.1", "MANAGE 3.1"]);
    expect(byId("ai-agent-without-sponsor")["nist-ai-rmf"]).toEqual(["GOVERN 1.6", "GOVERN 2.1", "GOVERN 3.2", "MANAGE 2.4"]);
  });
});

// ---------------------------------------------------------------------------------------------------------------
// The predicates

let database: TestDatabase;
let db: TestDatabase["prisma"];
const clock = movableClock("2026-11-25T09:00:00.000Z");
const ago = (days: number) => new Date(clock.now().getTime() - days * DAY);
const ahead = (days: number) => new Date(clock.now().getTime() + days * DAY);
const MIN = 60_000;
let owner: UserActor;
let leaver: UserActor;
let admin: UserActor;
let tags = 0;

beforeAll(async () => {
  database = await createTestDatabase();
  db = database.prisma;
  owner = await makeUser(db, ["member"]);
  leaver = await makeUser(db, ["member"], { status: "deactivated" });
  admin = await makeUser(db, ["admin"]);
});
afterAll(() => database.close());

type Spec = {
  tag?: string;
  ownerId?: string | null;
  backupOwnerId?: string | null;
  kind?: string;
  vendor?: string | null;
  environment?: string;
  createdAt?: Date;
  humanUse?: boolean;
  scopes?: ScopeSpec[];
  credential?: {
    type?: string;
    issuedAt?: Date;
    rotatedAt?: Date;
    expiresAt?: Date | null;
    lastUsedAt?: Date | null;
    usage?: string;
  } | null;
  /** More credentials, beside the first (an inactive one, say). */
  more?: { type: string; status?: string; issuedAt?: Date; expiresAt?: Date | null }[];
};

const withoutRotation = ({ rotatedAt: _rotatedAt, ...rest }: NonNullable<Spec["credential"]>) => rest;

/**
 * A well-kept production service account unless the spec says otherwise: owned, a static secret issued ten days ago
 * expiring in two hundred, used yesterday, one read scope, registered 400 days ago. Each case changes one thing.
 */
async function identity(spec: Spec = {}): Promise<string> {
  const credential =
    spec.credential === null
      ? undefined
      : { type: "static_secret", issuedAt: ago(10), expiresAt: ahead(200), lastUsedAt: ago(1), ...spec.credential };
  const made = await makeIdentity(db, {
    tag: spec.tag ?? "posture-checks",
    ownerId: spec.ownerId === undefined ? owner.userId : spec.ownerId,
    backupOwnerId: spec.backupOwnerId,
    kind: spec.kind,
    vendor: spec.vendor,
    environment: spec.environment,
    credential: credential && withoutRotation(credential),
    scopes: spec.scopes ?? [{ resource: "ledger", level: "read" }],
  });
  if (credential?.rotatedAt) await db.credential.updateMany({ where: { identityId: made.id }, data: { rotatedAt: credential.rotatedAt } });
  for (const [n, c] of (spec.more ?? []).entries())
    await db.credential.create({
      data: {
        identityId: made.id,
        handle: `more-${n}`,
        type: c.type,
        status: c.status ?? "active",
        issuedAt: c.issuedAt ?? ago(10),
        expiresAt: c.expiresAt ?? null,
      },
    });
  await db.$transaction((tx) => refreshCredentialSummary(tx, [made.id]));
  await db.identity.update({ where: { id: made.id }, data: { createdAt: spec.createdAt ?? ago(400), humanUse: spec.humanUse ?? false } });
  return made.id;
}

/** Evaluates these identities (incrementally, as the drain does) and returns each one's open findings' check ids. */
async function openChecks<T extends string[]>(...ids: T): Promise<{ [K in keyof T]: string[] }> {
  await db.$transaction((tx) => evaluate(tx, clock.now(), ids), { timeout: 30_000 });
  const rows = await db.finding.findMany({
    where: { identityId: { in: ids }, status: "open" },
    select: { identityId: true, checkId: true },
  });
  return ids.map((id) =>
    rows
      .filter((r) => r.identityId === id)
      .map((r) => r.checkId)
      .sort(),
  ) as { [K in keyof T]: string[] };
}

/** A break-glass elevation of the identity, approved an hour before it expires. */
async function elevation(identityId: string, o: { status?: string; expiresAt: Date; endAnnouncedAt?: Date | null }) {
  const start = new Date(o.expiresAt.getTime() - 60 * MIN);
  return db.breakGlassRequest.create({
    data: {
      identityId,
      requesterId: owner.userId,
      scopes: [{ resource: "ledger", action: "admin", level: "admin", environment: "production" }],
      policy: { environment: "production", level: "admin", maxDurationMinutes: 240 },
      reason: "INC-1 outage",
      durationMinutes: 60,
      status: o.status ?? "approved",
      requestedAt: start,
      pendingUntil: start,
      startAt: start,
      approvalsRequired: 1,
      approvedAt: start,
      activeFrom: start,
      expiresAt: o.expiresAt,
      endAnnouncedAt: o.endAnnouncedAt ?? null,
    },
  });
}

/** The identities of one review campaign's first run (a fresh tag per call). */
async function reviewed<T extends Spec[]>(specs: [...T]): Promise<{ ids: { [K in keyof T]: string }; runId: string }> {
  tags += 1;
  const tag = `posture-review-${tags}`;
  const ids: string[] = [];
  for (const spec of specs) ids.push(await identity({ ...spec, tag }));
  const { runId, itemCount } = await launchTagged(db, clock, admin, tag);
  expect(itemCount).toBe(specs.length);
  return { ids: ids as { [K in keyof T]: string }, runId };
}

const decide = (runId: string, identityId: string, at: Date) =>
  db.reviewItem.update({
    where: { runId_identityId: { runId, identityId } },
    data: { decision: "certify", decisionReason: "still needed", decidedById: owner.userId, decidedAt: at },
  });

type Case = {
  name: string;
  /** The identity that fails the check and its closest near-miss that passes. */
  arrange: () => Promise<{ fails: string; passes: string }>;
  /** The checks the two differ by (the check itself unless the near-miss cannot help differing in another). */
  differ?: string[];
};

const CASES: Record<string, Case[]> = {
  ownerless: [
    { name: "no owner vs an owner", arrange: async () => ({ fails: await identity({ ownerId: null }), passes: await identity() }) },
    {
      name: "no owner but a backup owner vs an owner",
      arrange: async () => ({ fails: await identity({ ownerId: null, backupOwnerId: owner.userId }), passes: await identity() }),
    },
  ],
  "departed-owner": [
    {
      name: "a deactivated owner vs an active one",
      arrange: async () => ({ fails: await identity({ ownerId: leaver.userId }), passes: await identity({ ownerId: owner.userId }) }),
    },
    {
      name: "a deactivated backup owner vs an active one",
      arrange: async () => ({
        fails: await identity({ backupOwnerId: leaver.userId }),
        passes: await identity({ backupOwnerId: admin.userId }),
      }),
    },
  ],
  "expired-but-active": [
    {
      name: "expired yesterday vs expiring in 60 days",
      arrange: async () => ({
        fails: await identity({ credential: { expiresAt: ago(1) } }),
        passes: await identity({ credential: { expiresAt: ahead(60) } }),
      }),
    },
    {
      name: "an active credential expired vs one that never expires beside an inactive expired one",
      arrange: async () => ({
        fails: await identity({ credential: { type: "federated", expiresAt: ago(1) } }),
        passes: await identity({
          credential: { type: "federated", expiresAt: null },
          more: [{ type: "static_secret", status: "inactive", expiresAt: ago(1) }],
        }),
      }),
    },
    {
      name: "no credential active: the inactive one expired vs not yet",
      arrange: async () => {
        const [fails, passes] = [await identity(), await identity()];
        await db.credential.updateMany({ where: { identityId: fails }, data: { status: "inactive", expiresAt: ago(1) } });
        await db.credential.updateMany({ where: { identityId: passes }, data: { status: "inactive", expiresAt: ahead(60) } });
        await db.$transaction((tx) => refreshCredentialSummary(tx, [fails, passes]));
        return { fails, passes };
      },
    },
  ],
  "not-rotated": [
    {
      name: "rotated 91 days ago vs 89 (rotationMaxDays 90)",
      arrange: async () => ({
        fails: await identity({ credential: { issuedAt: ago(300), rotatedAt: ago(91), expiresAt: ahead(100) } }),
        passes: await identity({ credential: { issuedAt: ago(300), rotatedAt: ago(89), expiresAt: ahead(100) } }),
      }),
    },
    {
      name: "a static secret issued 91 days ago vs a federated credential as old",
      arrange: async () => ({
        fails: await identity({ credential: { issuedAt: ago(91), expiresAt: ahead(100) } }),
        passes: await identity({ credential: { type: "federated", issuedAt: ago(91), expiresAt: ahead(100) } }),
      }),
      // The federated one is also the near-miss of static-secret-federation-possible.
      differ: ["not-rotated", "static-secret-federation-possible"],
    },
    {
      name: "beside an older federated credential: a static secret rotated 91 days ago vs 89",
      arrange: async () => {
        const federated = { type: "federated", issuedAt: ago(300), expiresAt: ahead(30) };
        return {
          fails: await identity({ credential: federated, more: [{ type: "static_secret", issuedAt: ago(91), expiresAt: ahead(100) }] }),
          passes: await identity({ credential: federated, more: [{ type: "static_secret", issuedAt: ago(89), expiresAt: ahead(100) }] }),
        };
      },
    },
  ],
  "lifetime-too-long": [
    {
      name: "issued now, expiring in 400 days vs 300 (lifetimeMaxDays 366)",
      arrange: async () => ({
        fails: await identity({ credential: { issuedAt: clock.now(), expiresAt: ahead(400) } }),
        passes: await identity({ credential: { issuedAt: clock.now(), expiresAt: ahead(300) } }),
      }),
    },
    {
      name: "a static secret that never expires vs one expiring in 300 days",
      arrange: async () => ({
        fails: await identity({ credential: { issuedAt: clock.now(), expiresAt: null } }),
        passes: await identity({ credential: { issuedAt: clock.now(), expiresAt: ahead(300) } }),
      }),
    },
  ],
  "expiring-soon": [
    {
      name: "expiring in 10 days vs 40 (expiringWithinDays 30)",
      arrange: async () => ({
        fails: await identity({ credential: { expiresAt: ahead(10) } }),
        passes: await identity({ credential: { expiresAt: ahead(40) } }),
      }),
    },
    {
      name: "an active credential expiring in 10 days vs an inactive one (beside an active one without expiry)",
      arrange: async () => ({
        fails: await identity({ credential: { type: "federated", expiresAt: ahead(10) } }),
        passes: await identity({
          credential: { type: "federated", expiresAt: null },
          more: [{ type: "static_secret", status: "inactive", expiresAt: ahead(10) }],
        }),
      }),
    },
  ],
  unused: [
    {
      name: "last used 100 days ago vs 10 (unusedMaxDays 90)",
      arrange: async () => ({
        fails: await identity({ credential: { lastUsedAt: ago(100) } }),
        passes: await identity({ credential: { lastUsedAt: ago(10) } }),
      }),
    },
    {
      name: "never used, registered 31 days ago vs yesterday (newIdentityGraceDays 30)",
      arrange: async () => ({
        fails: await identity({ createdAt: ago(31), credential: { lastUsedAt: null, usage: "never" } }),
        passes: await identity({ createdAt: ago(1), credential: { lastUsedAt: null, usage: "never" } }),
      }),
    },
  ],
  "privileged-in-production": [
    {
      name: "write in production vs write in staging",
      arrange: async () => ({
        fails: await identity({ scopes: [{ resource: "ledger", level: "write", environment: "production" }] }),
        passes: await identity({ scopes: [{ resource: "ledger", level: "write", environment: "staging" }] }),
      }),
    },
    {
      name: "admin with the identity's own environment (production) vs read",
      arrange: async () => ({
        fails: await identity({ scopes: [{ resource: "ledger", level: "admin" }] }),
        passes: await identity({ scopes: [{ resource: "ledger", level: "read" }] }),
      }),
    },
  ],
  "wildcard-scope": [
    {
      name: "a wildcard scope vs a specific one",
      arrange: async () => ({
        fails: await identity({ scopes: [{ resource: "s3:*", action: "s3:GetObject", level: "read" }] }),
        passes: await identity({ scopes: [{ resource: "s3:ledger", action: "s3:GetObject", level: "read" }] }),
      }),
    },
  ],
  "shared-across-environments": [
    {
      name: "scopes in production and staging vs only production",
      arrange: async () => ({
        fails: await identity({
          scopes: [
            { resource: "ledger", level: "read", environment: "production" },
            { resource: "ledger", level: "read", environment: "staging" },
          ],
        }),
        passes: await identity({
          scopes: [
            { resource: "ledger", level: "read", environment: "production" },
            { resource: "audit", level: "read", environment: "production" },
          ],
        }),
      }),
    },
    {
      // A scope without an environment is in the identity's own (as everywhere else in the console).
      name: "a production identity's unlabelled scope beside a staging one vs beside a production one",
      arrange: async () => ({
        fails: await identity({
          scopes: [
            { resource: "ledger", level: "read" },
            { resource: "ledger", level: "read", environment: "staging" },
          ],
        }),
        passes: await identity({
          scopes: [
            { resource: "ledger", level: "read" },
            { resource: "ledger", level: "read", environment: "production" },
          ],
        }),
      }),
    },
  ],
  "reused-by-workloads": [
    {
      name: "two other workloads' active credentials link to it vs one",
      arrange: async () => {
        const [fails, passes] = [await identity(), await identity()];
        const link = async (linkedIdentityId: string, status = "active") => {
          const workload = await identity({ credential: null, tag: "posture-workload" });
          await db.credential.create({
            data: { identityId: workload, handle: "federated", type: "federated", status, federatedWith: "role/x", linkedIdentityId },
          });
        };
        await link(fails);
        await link(fails);
        await link(passes);
        await link(passes, "inactive");
        return { fails, passes };
      },
    },
  ],
  "human-use": [
    { name: "used by a person vs not", arrange: async () => ({ fails: await identity({ humanUse: true }), passes: await identity() }) },
  ],
  "third-party-broad-scope": [
    {
      name: "a vendor's identity with write vs with read (staging)",
      arrange: async () => ({
        fails: await identity({ vendor: "Acme", scopes: [{ resource: "ledger", level: "write", environment: "staging" }] }),
        passes: await identity({ vendor: "Acme", scopes: [{ resource: "ledger", level: "read", environment: "staging" }] }),
      }),
    },
    {
      name: "a vendor's identity with a wildcard read vs a specific read",
      arrange: async () => ({
        fails: await identity({ vendor: "Acme", scopes: [{ resource: "*", level: "read" }] }),
        passes: await identity({ vendor: "Acme", scopes: [{ resource: "ledger", level: "read" }] }),
      }),
      differ: ["third-party-broad-scope", "wildcard-scope"],
    },
    {
      name: "write in staging: a vendor's identity vs our own",
      arrange: async () => ({
        fails: await identity({ vendor: "Acme", scopes: [{ resource: "ledger", level: "write", environment: "staging" }] }),
        passes: await identity({ vendor: null, scopes: [{ resource: "ledger", level: "write", environment: "staging" }] }),
      }),
    },
  ],
  "static-secret-federation-possible": [
    {
      name: "a static secret on AWS vs a federated credential",
      arrange: async () => ({
        fails: await identity({ credential: { type: "static_secret" } }),
        passes: await identity({ credential: { type: "federated" } }),
      }),
    },
    {
      name: "beside an older federated credential: an active static secret vs an inactive one",
      arrange: async () => {
        const federated = { type: "federated", issuedAt: ago(20) };
        return {
          fails: await identity({ credential: federated, more: [{ type: "static_secret", expiresAt: ahead(100) }] }),
          passes: await identity({ credential: federated, more: [{ type: "static_secret", status: "inactive", expiresAt: ahead(100) }] }),
        };
      },
    },
    {
      name: "a static secret on AWS: a workload's vs the console's own API key",
      arrange: async () => ({ fails: await identity(), passes: await identity({ kind: "api_key" }) }),
    },
  ],
  "review-overdue": [
    {
      name: "never reviewed vs certified 10 days ago (registered 400 days ago, reviewMaxDays 365)",
      arrange: async () => {
        const fails = await identity();
        const { ids, runId } = await reviewed([{}]);
        await decide(runId, ids[0], ago(10));
        return { fails, passes: ids[0] };
      },
    },
    {
      name: "undecided vs decided in an open run past its due date (both registered 40 days ago)",
      arrange: async () => {
        const { ids, runId } = await reviewed([{ createdAt: ago(40) }, { createdAt: ago(40) }]);
        await db.reviewRun.update({ where: { id: runId }, data: { dueAt: ago(1) } });
        await decide(runId, ids[1], ago(2));
        return { fails: ids[0], passes: ids[1] };
      },
    },
    {
      name: "undecided in an open run past its due date vs one not yet due",
      arrange: async () => {
        const late = await reviewed([{ createdAt: ago(40) }]);
        await db.reviewRun.update({ where: { id: late.runId }, data: { dueAt: ago(1) } });
        const early = await reviewed([{ createdAt: ago(40) }]);
        await db.reviewRun.update({ where: { id: early.runId }, data: { dueAt: ahead(1) } });
        return { fails: late.ids[0], passes: early.ids[0] };
      },
    },
  ],
  "elevation-past-expiry": [
    {
      name: "approved, expired 10 minutes ago, end not announced vs announced",
      arrange: async () => {
        const [fails, passes] = [await identity(), await identity()];
        await elevation(fails, { expiresAt: new Date(clock.now().getTime() - 10 * MIN) });
        await elevation(passes, { expiresAt: new Date(clock.now().getTime() - 10 * MIN), endAnnouncedAt: ago(0) });
        return { fails, passes };
      },
    },
    {
      name: "unannounced: expired 10 minutes ago vs 2 (the sweeper's five minutes)",
      arrange: async () => {
        const [fails, passes] = [await identity(), await identity()];
        await elevation(fails, { expiresAt: new Date(clock.now().getTime() - 10 * MIN) });
        await elevation(passes, { expiresAt: new Date(clock.now().getTime() - 2 * MIN) });
        return { fails, passes };
      },
    },
  ],
  "breakglass-without-review": [
    {
      name: "an after-action review due yesterday, unfiled vs filed",
      arrange: async () => {
        const [fails, passes] = [await identity(), await identity()];
        for (const [identityId, filedAt] of [
          [fails, null],
          [passes, ago(2)],
        ] as const) {
          const request = await elevation(identityId, { status: "ended", expiresAt: ago(3), endAnnouncedAt: ago(3) });
          await db.afterActionReview.create({
            data: {
              requestId: request.id,
              identityId,
              dueAt: ago(1),
              filedAt,
              reviewerId: filedAt ? owner.userId : null,
              whatWasDone: filedAt ? "restarted the ledger" : null,
              verdict: filedAt ? "justified" : null,
            },
          });
        }
        return { fails, passes };
      },
    },
  ],
  "ai-agent-without-sponsor": [
    {
      name: "without an owner: an AI agent vs a service account",
      arrange: async () => ({
        fails: await identity({ kind: "ai_agent", ownerId: null }),
        passes: await identity({ kind: "service_account", ownerId: null }),
      }),
    },
    {
      name: "an AI agent without an owner vs with an active one",
      arrange: async () => ({
        fails: await identity({ kind: "ai_agent", ownerId: null }),
        passes: await identity({ kind: "ai_agent", ownerId: owner.userId }),
      }),
      differ: ["ai-agent-without-sponsor", "ownerless"],
    },
    {
      name: "an AI agent whose owner left vs whose owner is active",
      arrange: async () => ({
        fails: await identity({ kind: "ai_agent", ownerId: leaver.userId }),
        passes: await identity({ kind: "ai_agent", ownerId: owner.userId }),
      }),
      differ: ["ai-agent-without-sponsor", "departed-owner"],
    },
  ],
};

describe("each check's predicate", () => {
  it("has failing and near-miss cases for every check", () => {
    expect(Object.keys(CASES)).toEqual(CHECK_IDS);
    for (const id of CHECK_IDS) expect(CASES[id]?.length, id).toBeGreaterThan(0);
  });

  describe.each(CHECK_IDS)("%s", (checkId) => {
    it.each(CASES[checkId] ?? [])("$name", async ({ arrange, differ }) => {
      const { fails, passes } = await arrange();
      const [failing, passing] = await openChecks(fails, passes);
      expect(failing).toContain(checkId);
      expect(passing).not.toContain(checkId);
      // Exactly these checks tell the two apart.
      expect(failing.filter((c) => !passing.includes(c))).toEqual(sorted(differ ?? [checkId]));
      expect(passing.filter((c) => !failing.includes(c))).toEqual([]);
    });
  });
});

describe("the posture policy", () => {
  it("decides the outcome: rotation 90 -> 30 days opens not-rotated on a secret rotated 60 days ago, and back resolves it", async () => {
    const id = await identity({ credential: { issuedAt: ago(300), rotatedAt: ago(60), expiresAt: ahead(100) } });
    try {
      expect(await openChecks(id)).toEqual([expect.not.arrayContaining(["not-rotated"])]);
      await db.posturePolicy.update({ where: { id: "current" }, data: { rotationMaxDays: 30 } });
      expect((await openChecks(id))[0]).toContain("not-rotated");
      const finding = await db.finding.findUniqueOrThrow({ where: { identityId_checkId: { identityId: id, checkId: "not-rotated" } } });
      expect(finding).toMatchObject({ status: "open", severity: "high" });
    } finally {
      await db.posturePolicy.update({ where: { id: "current" }, data: { rotationMaxDays: 90 } });
    }
    expect((await openChecks(id))[0]).not.toContain("not-rotated");
    expect(await db.finding.findUniqueOrThrow({ where: { identityId_checkId: { identityId: id, checkId: "not-rotated" } } })).toMatchObject(
      {
        status: "resolved",
      },
    );
  });
});
