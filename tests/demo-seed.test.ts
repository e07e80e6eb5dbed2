import { describe, expect, it } from "vitest";
import { fixedClock } from "@/lib/domain/shared/clock";
import { effectiveStatus, isActive } from "@/lib/domain/breakglass/elevation-state";
import { seedDemoBreakglass } from "@/prisma/seed/demo-breakglass";
import { seedDemoEstate } from "@/prisma/seed/demo-estate";
import { seedDemoReviews } from "@/prisma/seed/demo-reviews";
import { seedDemoUsers } from "@/prisma/seed/demo-users";
import { createTestDatabase } from "./helpers/test-database";

describe("demo data", () => {
  it("creates the personas and an estate that shows every problem the console looks for, once", async () => {
    const database = await createTestDatabase();
    const db = database.prisma;
    const clock = fixedClock("2026-11-23T00:00:00Z");
    expect(await seedDemoUsers(db, clock)).toBe(4);
    expect(await seedDemoEstate(db, clock)).toBe(320);
    expect(await seedDemoEstate(db, clock)).toBe(0);
    const now = clock.now();
    expect(await db.identity.count({ where: { ownerId: null } })).toBeGreaterThan(5);
    expect(await db.identity.count({ where: { owner: { status: "deactivated" } } })).toBeGreaterThan(5);
    expect(await db.identity.count({ where: { credentialExpiresAt: { lt: now } } })).toBeGreaterThan(5);
    expect(await db.identity.count({ where: { credentialRotatedAt: null } })).toBeGreaterThan(5);
    expect(await db.identity.count({ where: { kind: "ai_agent" } })).toBeGreaterThan(5);
    expect(await db.entitlement.count({ where: { level: "admin", environment: "production" } })).toBeGreaterThan(3);
    // Credentials as records, and what an expert reading of the sources finds.
    expect(await db.identity.count({ where: { activeCredentials: { gte: 2 } } })).toBeGreaterThan(5);
    expect(await db.identity.count({ where: { humanUse: true } })).toBeGreaterThan(3);
    expect(await db.identity.count({ where: { usage: "never" } })).toBeGreaterThan(3);
    expect(await db.identity.count({ where: { usage: "unknown" } })).toBeGreaterThan(3);
    expect(await db.identity.count({ where: { neverExpires: true } })).toBeGreaterThan(3);
    expect(await db.identity.count({ where: { goneFromSourceAt: { not: null } } })).toBeGreaterThan(3);
    expect(await db.identity.count({ where: { flags: { isEmpty: false } } })).toBeGreaterThan(3);
    expect(await db.entitlement.count({ where: { usage: "never" } })).toBeGreaterThan(3);
    expect(await db.importRun.count()).toBe(1);
    expect(await db.identity.count({ where: { lastImport: { isNot: null } } })).toBeGreaterThan(10);
    expect(await db.agentRule.count()).toBeGreaterThan(0);
    expect(new Set((await db.identity.findMany({ select: { platform: true } })).map((i) => i.platform)).size).toBeGreaterThan(6);
    // Reviews: a quarterly production campaign under way (launched nine days ago), and the event-triggered ones.
    expect(await seedDemoReviews(db, clock)).toBe(5);
    expect(await seedDemoReviews(db, clock)).toBe(0);
    const run = await db.reviewRun.findFirstOrThrow({ where: { status: "open" }, include: { campaign: true } });
    expect(run).toMatchObject({ status: "open", number: 1, campaign: { name: "Quarterly production review", recurrence: "quarterly" } });
    expect(await db.reviewItem.count({ where: { runId: run.id, decision: { not: null } } })).toBe(6);
    // Last summer's AI agents review: decided, closed, its outcomes applied and its remediation waiting.
    const closed = await db.reviewRun.findFirstOrThrow({ where: { status: "closed" }, include: { campaign: true } });
    expect(closed.campaign.name).toBe("AI agents review");
    expect(await db.reviewItem.count({ where: { runId: closed.id, outcome: null } })).toBe(0);
    expect(await db.reviewItem.count({ where: { runId: closed.id, remediationStatus: "open" } })).toBeGreaterThan(0);
    expect(await db.auditEvent.count({ where: { reason: { startsWith: "review AI agents review #1" } } })).toBeGreaterThan(0);
    expect(run.itemCount).toBe(await db.identity.count({ where: { environment: "production", status: { not: "decommissioned" } } }));
    const owner = await db.user.findUniqueOrThrow({ where: { email: "owner@demo.local" } });
    expect(await db.reviewItem.count({ where: { runId: run.id, reviewerId: owner.id } })).toBeGreaterThan(10);
    expect(await db.reviewItem.count({ where: { runId: run.id, recommendation: "revoke" } })).toBeGreaterThan(3);
    expect(await db.reviewCampaign.count({ where: { trigger: { not: null } } })).toBe(3);
    // Break-glass: every state the pages show, made through the use-cases (so each has its timeline).
    expect(await seedDemoBreakglass(db, clock)).toBe(7);
    expect(await seedDemoBreakglass(db, clock)).toBe(0);
    const requests = await db.breakGlassRequest.findMany({ include: { afterAction: true, approvals: true } });
    const states = requests.map((r) => (isActive(r, now) ? "active" : effectiveStatus(r, now))).sort();
    expect(states).toEqual(["active", "denied", "ended", "ended", "ended", "pending", "pending"]);
    const reviews = requests.flatMap((r) => (r.afterAction ? [r.afterAction] : []));
    expect(reviews.map((a) => [a.verdict, a.rotationRequired, !!a.rotationRecordedAt]).sort()).toEqual([
      [null, false, false],
      ["justified", true, true],
    ]);
    expect(requests.find((r) => r.approvalsRequired === 2 && r.status === "pending")?.approvals).toHaveLength(1);
    expect(await db.auditEvent.count({ where: { targetType: "breakglass-request" } })).toBeGreaterThan(10);
    await database.close();
  });
});
