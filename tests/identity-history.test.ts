import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { UserActor } from "@/lib/domain/authz/actor";
import { createIdentity } from "@/lib/domain/registry/create-identity";
import { getIdentity } from "@/lib/domain/registry/get-identity";
import { setIdentityStatus } from "@/lib/domain/registry/set-identity-status";
import { fixedClock } from "@/lib/domain/shared/clock";
import { makeUser } from "./helpers/actors";
import { createTestDatabase, type TestDatabase } from "./helpers/test-database";

const clock = fixedClock("2026-06-01T12:00:00.000Z");
let database: TestDatabase;
let owner: UserActor;
let member: UserActor;
let stranger: UserActor;
let auditor: UserActor;
let identityId: string;

// Each person's request metadata is distinct, so a leak of anyone's can be seen in what another reads.
const STRANGER_REQUEST = { ip: "203.0.113.77", userAgent: "curl/8.5.0 (stranger)", requestId: "req-stranger-denied" };

beforeAll(async () => {
  database = await createTestDatabase();
  const db = database.prisma;
  owner = { ...(await makeUser(db, ["member"])), request: { ip: "198.51.100.10", userAgent: "Firefox (owner)", requestId: "req-owner" } };
  member = await makeUser(db, ["member"]);
  stranger = { ...(await makeUser(db, ["member"])), request: STRANGER_REQUEST };
  auditor = await makeUser(db, ["auditor"]);
  const created = await createIdentity({
    actor: owner,
    db,
    clock,
    input: {
      name: "ledger-writer",
      kind: "service_account",
      platform: "aws",
      externalId: "arn:aws:iam::123456789012:user/ledger-writer",
      environment: "production",
      purpose: "Writes the ledger",
      ownerId: owner.userId,
      tags: "",
    },
  });
  identityId = created.id;
  await setIdentityStatus({ actor: owner, db, clock, input: { id: identityId, status: "suspended", reason: "paused for the audit" } });
  await expect(
    setIdentityStatus({ actor: stranger, db, clock, input: { id: identityId, status: "decommissioned", reason: "taking it over" } }),
  ).rejects.toMatchObject({ code: "FORBIDDEN" });
});
afterAll(() => database.close());

const read = (actor: UserActor) => getIdentity({ actor, db: database.prisma, clock, input: { id: identityId } });

describe("identity history", () => {
  it("the refused attempt is in the audit log with the stranger's request metadata", async () => {
    const denied = await database.prisma.auditEvent.findFirstOrThrow({ where: { targetId: identityId, outcome: "denied" } });
    expect(denied).toMatchObject({ actorId: stranger.userId, ...STRANGER_REQUEST });
  });

  it("a member sees who changed what and when, without request metadata or anyone's refused attempts", async () => {
    const { history } = await read(member);
    expect(history.kind).toBe("changes");
    if (history.kind !== "changes") return;
    expect(history.entries.map((e) => [e.action, e.actorLabel, e.reason])).toEqual([
      ["identity.setStatus", owner.email, "paused for the audit"],
      ["identity.create", owner.email, null],
    ]);
    expect(history.entries[0]).toMatchObject({
      before: { status: "active" },
      after: { status: "suspended" },
      at: "2026-06-01T12:00:00.000Z",
    });
    for (const entry of history.entries)
      expect(Object.keys(entry).sort()).toEqual(["action", "actorLabel", "after", "at", "before", "reason", "seq"]);
    const shown = JSON.stringify(history);
    for (const leak of [...Object.values(STRANGER_REQUEST), ...Object.values(owner.request), stranger.email, "denied"])
      expect(shown).not.toContain(leak);
  });

  it("the owner, also without audit.read, gets the same limited view", async () => {
    const { history } = await read(owner);
    expect(history.kind).toBe("changes");
    expect(JSON.stringify(history)).not.toContain(STRANGER_REQUEST.ip);
  });

  it("an auditor sees the full audit events, refused attempts and request metadata included", async () => {
    const { history } = await read(auditor);
    expect(history.kind).toBe("audit");
    if (history.kind !== "audit") return;
    expect(history.events.map((e) => [e.action, e.outcome])).toEqual([
      ["identity.setStatus", "denied"],
      ["identity.setStatus", "allowed"],
      ["identity.create", "allowed"],
    ]);
    expect(history.events[0]).toMatchObject({ actorLabel: stranger.email, ...STRANGER_REQUEST });
    expect(history.events[1]).toMatchObject({
      ip: owner.request.ip,
      userAgent: owner.request.userAgent,
      requestId: owner.request.requestId,
    });
  });
});
