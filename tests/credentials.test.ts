import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { UserActor } from "@/lib/domain/authz/actor";
import { addCredential } from "@/lib/domain/registry/credentials/add-credential";
import { changeCredential } from "@/lib/domain/registry/credentials/change-credential";
import { createIdentity } from "@/lib/domain/registry/create-identity";
import { getIdentity } from "@/lib/domain/registry/get-identity";
import { recordRotation } from "@/lib/domain/registry/record-rotation";
import { updateIdentity } from "@/lib/domain/registry/update-identity";
import { fixedClock } from "@/lib/domain/shared/clock";
import { makeUser } from "./helpers/actors";
import { createTestDatabase, type TestDatabase } from "./helpers/test-database";

const clock = fixedClock("2026-11-23T12:00:00.000Z");
let database: TestDatabase;
let db: TestDatabase["prisma"];
let owner: UserActor;
let stranger: UserActor;
let n = 0;

beforeAll(async () => {
  database = await createTestDatabase();
  db = database.prisma;
  owner = await makeUser(db, ["member"]);
  stranger = await makeUser(db, ["member"]);
});
afterAll(() => database.close());

async function identity(extra: Record<string, unknown> = {}) {
  n += 1;
  return createIdentity({
    actor: owner,
    db,
    clock,
    input: {
      name: `billing-exporter-${n}`,
      kind: "service_account",
      platform: "aws",
      externalId: `arn:aws:iam::123456789012:user/billing-exporter-${n}`,
      environment: "production",
      purpose: "Exports invoices to the data lake",
      ownerId: owner.userId,
      ...extra,
    },
  });
}

const stored = (id: string) => db.identity.findUniqueOrThrow({ where: { id }, include: { credentials: { orderBy: { handle: "asc" } } } });

describe("credentials as records", () => {
  it("keeps several credentials, each with its own dates; the identity shows the oldest active one and how many are active", async () => {
    const { id } = await identity({ credentialType: "static_secret", credentialIssuedAt: "2026-11-19T00:00:00Z" });
    expect((await stored(id)).credentials.map((c) => c.handle)).toEqual(["primary"]);
    await addCredential({
      actor: owner,
      db,
      clock,
      input: {
        identityId: id,
        handle: "…K7QX",
        type: "static_secret",
        issuedAt: "2024-11-20T08:00:00Z",
        lastUsedAt: "2026-11-22T17:30:00Z",
      },
    });
    const two = await stored(id);
    expect(two).toMatchObject({ activeCredentials: 2, usage: "known", neverExpires: true, credentialType: "static_secret" });
    expect(two.oldestCredentialAt?.toISOString()).toBe("2024-11-20T08:00:00.000Z");
    expect(two.credentialIssuedAt?.toISOString()).toBe("2024-11-20T08:00:00.000Z");

    // Marking the old key inactive: the identity's age is the remaining active key's.
    const old = two.credentials.find((c) => c.handle === "…K7QX")!;
    await changeCredential({ actor: owner, db, clock, input: { credentialId: old.id, status: "inactive" } });
    const one = await stored(id);
    expect(one).toMatchObject({ activeCredentials: 1 });
    expect(one.oldestCredentialAt?.toISOString()).toBe("2026-11-19T00:00:00.000Z");
    const event = await db.auditEvent.findFirstOrThrow({ where: { targetId: id }, orderBy: { seq: "desc" } });
    expect(event).toMatchObject({ action: "identity.update", reason: "credential …K7QX changed" });
    expect(event.before).toMatchObject({ handle: "…K7QX", status: "active" });
    expect(event.after).toMatchObject({ handle: "…K7QX", status: "inactive" });

    // Identity-level credential fields stand for a single credential only.
    await expect(
      updateIdentity({ actor: owner, db, clock, input: { id, expectedVersion: one.version, credentialExpiresAt: "2027-01-01" } }),
    ).rejects.toMatchObject({ code: "VALIDATION", fieldErrors: { credentialExpiresAt: [expect.stringMatching(/several credentials/)] } });
  });

  it("records rotation per credential: the other credential's age is unchanged", async () => {
    const { id } = await identity({ credentialType: "static_secret", credentialIssuedAt: "2025-01-01T00:00:00Z" });
    await addCredential({
      actor: owner,
      db,
      clock,
      input: { identityId: id, handle: "key 2", type: "static_secret", issuedAt: "2024-01-01T00:00:00Z" },
    });
    const before = await stored(id);
    await expect(recordRotation({ actor: owner, db, clock, input: { id } })).rejects.toMatchObject({
      code: "VALIDATION",
      fieldErrors: { credentialId: ["choose a credential"] },
    });
    const key2 = before.credentials.find((c) => c.handle === "key 2")!;
    await recordRotation({ actor: owner, db, clock, input: { id, credentialId: key2.id, rotatedAt: "2026-11-20T10:00:00Z" } });
    const after = await stored(id);
    expect(after.credentials.find((c) => c.handle === "key 2")?.rotatedAt?.toISOString()).toBe("2026-11-20T10:00:00.000Z");
    expect(after.credentials.find((c) => c.handle === "primary")).toEqual(before.credentials.find((c) => c.handle === "primary"));
    // The oldest active credential is now "primary" (2025).
    expect(after.oldestCredentialAt?.toISOString()).toBe("2025-01-01T00:00:00.000Z");
    const event = await db.auditEvent.findFirstOrThrow({ where: { targetId: id, action: "identity.rotate" } });
    expect(event).toMatchObject({ reason: "credential key 2 rotated" });
  });

  it("refuses what cannot be true or stored, naming the field, and a stranger, recording the refusal", async () => {
    const { id } = await identity();
    await expect(
      addCredential({
        actor: owner,
        db,
        clock,
        input: { identityId: id, handle: "k", type: "static_secret", issuedAt: "2026-01-01", lastUsedAt: "2025-01-01" },
      }),
    ).rejects.toMatchObject({ code: "VALIDATION", fieldErrors: { lastUsedAt: ["used before it was issued"] } });
    await expect(
      addCredential({ actor: owner, db, clock, input: { identityId: id, handle: "AKIAIOSFODNN7EXAMPLE", type: "static_secret" } }),
    ).rejects.toMatchObject({ code: "VALIDATION", fieldErrors: { handle: [expect.stringMatching(/secret/i)] } });
    await expect(
      addCredential({ actor: owner, db, clock, input: { identityId: id, handle: "k", type: "password" } }),
    ).rejects.toMatchObject({
      code: "VALIDATION",
      fieldErrors: { type: [expect.stringMatching(/type must be one of/)] },
    });
    await expect(
      addCredential({ actor: stranger, db, clock, input: { identityId: id, handle: "k", type: "static_secret" } }),
    ).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    expect(await db.auditEvent.count({ where: { targetId: id, outcome: "denied", actorId: stranger.userId } })).toBe(1);
    expect(await db.credential.count({ where: { identityId: id } })).toBe(0);
  });

  it("says 'never used' only when stated, and links a federated credential to its cloud identity's entry", async () => {
    const role = await identity({ platform: "aws", externalId: "arn:aws:iam::123456789012:role/payments-irsa" });
    const { id } = await identity({
      kind: "workload_identity",
      platform: "kubernetes",
      externalId: "prod/system:serviceaccount:payments:api",
    });
    await addCredential({
      actor: owner,
      db,
      clock,
      input: {
        identityId: id,
        handle: "workload identity",
        type: "federated",
        federatedWith: "arn:aws:iam::123456789012:role/payments-irsa",
      },
    });
    expect(await stored(id)).toMatchObject({ usage: "unknown", neverExpires: false, credentials: [{ linkedIdentityId: role.id }] });
    const detail = await getIdentity({ actor: owner, db, clock, input: { id: role.id } });
    expect(detail.actingAsThis).toEqual([{ id, name: expect.stringMatching(/billing-exporter/), handle: "workload identity" }]);
    const { id: unused } = await identity();
    await addCredential({ actor: owner, db, clock, input: { identityId: unused, handle: "k", type: "static_secret", usage: "never" } });
    expect(await stored(unused)).toMatchObject({ usage: "never" });
  });
});
