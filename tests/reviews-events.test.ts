import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { UserActor } from "@/lib/domain/authz/actor";
import { addEntitlement } from "@/lib/domain/registry/add-entitlement";
import { changeEntitlement } from "@/lib/domain/registry/change-entitlement";
import { createIdentity } from "@/lib/domain/registry/create-identity";
import { createCampaign } from "@/lib/domain/reviews/campaigns/create-campaign";
import { createServiceToken } from "@/lib/domain/tokens/create-token";
import { deactivateUser } from "@/lib/domain/users/set-user-status";
import { makeUser } from "./helpers/actors";
import { DAY, makeIdentity, movableClock } from "./helpers/reviews";
import { createTestDatabase, type TestDatabase } from "./helpers/test-database";

let database: TestDatabase;
let db: TestDatabase["prisma"];
const clock = movableClock("2026-11-24T09:00:00Z");
let admin: UserActor;
let owner: UserActor;
let backup: UserActor;
let sponsor: UserActor;

beforeAll(async () => {
  database = await createTestDatabase();
  db = database.prisma;
  admin = await makeUser(db, ["admin"]);
  owner = await makeUser(db, ["member"]);
  backup = await makeUser(db, ["member"]);
  sponsor = await makeUser(db, ["member"]);
});
afterAll(() => database.close());

const campaign = (name: string, trigger: string, scope: Record<string, unknown> = {}, durationDays = 5) =>
  createCampaign({
    actor: admin,
    db,
    clock,
    input: { name, trigger, scope, durationDays, reminderDays: [2], escalationDays: [1], graceDays: 2 },
  });

const runsOf = (campaignId: string) =>
  db.reviewRun.findMany({ where: { campaignId }, include: { items: true }, orderBy: { number: "asc" } });

describe("event-triggered reviews", () => {
  it("does nothing where no active campaign has the trigger", async () => {
    const before = await db.reviewRun.count();
    const i = await makeIdentity(db, { tag: "quiet", ownerId: owner.userId });
    await addEntitlement({
      actor: admin,
      db,
      clock,
      input: { identityId: i.id, resource: "billing", action: "write", level: "write", environment: "production" },
    });
    expect(await db.reviewRun.count()).toBe(before);
  });

  it("an owner deactivated: each identity they owned gets a one-identity review by the next rung (backup owner, then the campaign owner)", async () => {
    const { id } = await campaign("Departed owners", "owner_deactivated", { tag: "departing" }, 7);
    const a = await makeIdentity(db, { tag: "departing", ownerId: owner.userId, backupOwnerId: backup.userId });
    const b = await makeIdentity(db, { tag: "departing", ownerId: owner.userId });
    await makeIdentity(db, { tag: "elsewhere", ownerId: owner.userId });
    await deactivateUser({ actor: admin, db, clock, input: { userId: owner.userId } });
    const runs = await runsOf(id);
    expect(runs).toHaveLength(2);
    for (const r of runs) {
      expect(r).toMatchObject({ trigger: "event", itemCount: 1, status: "open" });
      expect(r.dueAt.getTime()).toBe(clock.now().getTime() + 7 * DAY);
      expect((r.event as { type: string; userId: string }).type).toBe("owner_deactivated");
    }
    const items = Object.fromEntries(runs.map((r) => [r.items[0]!.identityId, r.items[0]!]));
    expect(items[a.id]).toMatchObject({ reviewerId: backup.userId, reviewerRung: "backup_owner" });
    expect(items[b.id]).toMatchObject({ reviewerId: admin.userId, reviewerRung: "campaign_owner" });
    const audit = await db.auditEvent.findMany({ where: { action: "review.launch", targetId: { in: runs.map((r) => r.id) } } });
    expect(audit).toHaveLength(2);
    expect(audit[0]).toMatchObject({ actorId: admin.userId, reason: `triggered: owner ${owner.email} deactivated` });
  });

  it("an admin or write scope added (or raised) in production: the identity is reviewed once while its review is open", async () => {
    const { id } = await campaign("Privileged grants", "privileged_scope_added");
    const a = await makeIdentity(db, { tag: "grants", ownerId: sponsor.userId, environment: "production" });
    const b = await makeIdentity(db, {
      tag: "grants",
      ownerId: sponsor.userId,
      environment: "staging",
      scopes: [{ resource: "db", level: "read", environment: "production" }],
    });
    const add = (identityId: string, resource: string, level: string, environment?: string) =>
      addEntitlement({ actor: admin, db, clock, input: { identityId, resource, action: level, level, environment } });
    await add(a.id, "logs", "read");
    await add(a.id, "queue", "write", "staging");
    expect(await runsOf(id)).toHaveLength(0);
    await add(a.id, "billing", "admin");
    await add(a.id, "ledger", "write", "production");
    const runs = await runsOf(id);
    expect(runs.map((r) => r.items.map((i) => [i.identityId, i.reviewerId]))).toEqual([[[a.id, sponsor.userId]]]);
    expect(runs[0]!.items[0]!.risks).toContain("privileged_production");
    const scope = await db.entitlement.findFirstOrThrow({ where: { identityId: b.id } });
    await changeEntitlement({ actor: admin, db, clock, input: { entitlementId: scope.id, level: "write" } });
    expect((await runsOf(id)).map((r) => r.items[0]!.identityId)).toEqual([a.id, b.id]);
  });

  it("an AI agent registered (in the registry, or as an agent token): its owner or sponsor certifies it", async () => {
    const { id } = await campaign("New agents", "agent_registered");
    const agent = await createIdentity({
      actor: admin,
      db,
      clock,
      input: {
        name: "support-agent",
        kind: "ai_agent",
        platform: "openai",
        externalId: "asst_support_1",
        environment: "production",
        purpose: "Answers support tickets",
        ownerId: sponsor.userId,
        tags: [],
      },
    });
    await createIdentity({
      actor: admin,
      db,
      clock,
      input: {
        name: "plain-bot",
        kind: "service_account",
        platform: "aws",
        externalId: "plain-bot-1",
        environment: "production",
        purpose: "Copies files",
        ownerId: sponsor.userId,
        tags: [],
      },
    });
    const created = await createServiceToken({ maxDays: 90 })({
      actor: admin,
      db,
      clock,
      input: {
        kind: "agent",
        name: "triage-agent",
        purpose: "Triages findings",
        ownerId: sponsor.userId,
        scopes: ["registry.read"],
        expiresInDays: 30,
      },
    });
    const runs = await runsOf(id);
    const tokenIdentity = await db.apiToken.findUniqueOrThrow({ where: { id: created.token.id }, select: { identityId: true } });
    expect(runs.map((r) => [r.items[0]!.identityId, r.items[0]!.reviewerId, r.items[0]!.reviewerRung])).toEqual([
      [agent.id, sponsor.userId, "owner"],
      [tokenIdentity.identityId, sponsor.userId, "owner"],
    ]);
  });
});
