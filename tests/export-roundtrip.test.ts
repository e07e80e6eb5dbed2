import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { UserActor } from "@/lib/domain/authz/actor";
import { exportIdentities } from "@/lib/domain/registry/export-identities";
import { importIdentities } from "@/lib/domain/registry/import/import-identities";
import { fixedClock } from "@/lib/domain/shared/clock";
import { seedDemoEstate } from "@/prisma/seed/demo-estate";
import { seedDemoUsers } from "@/prisma/seed/demo-users";
import { createTestDatabase, type TestDatabase } from "./helpers/test-database";

// The console's own export is its import format: exporting the registry and importing the file back must
// change nothing at all (not a date's millisecond, not a credential, not a scope), in CSV and in JSON.

const clock = fixedClock("2026-11-23T00:00:00Z");
let database: TestDatabase;
let db: TestDatabase["prisma"];
let admin: UserActor;

beforeAll(async () => {
  database = await createTestDatabase();
  db = database.prisma;
  await seedDemoUsers(db, clock);
  await seedDemoEstate(db, clock);
  // The demo's departed owner cannot be named again by a file (only active users can): give those identities
  // to an active person first, as an admin would before exporting.
  const active = await db.user.findFirstOrThrow({ where: { email: "owner@demo.local" } });
  await db.identity.updateMany({ where: { owner: { status: "deactivated" } }, data: { ownerId: active.id } });
  await db.identity.updateMany({ where: { backupOwner: { status: "deactivated" } }, data: { backupOwnerId: null } });
  const row = await db.user.findFirstOrThrow({ where: { email: "admin@demo.local" } });
  admin = {
    type: "user",
    userId: row.id,
    email: row.email,
    name: row.name,
    roles: ["admin"],
    request: { ip: null, userAgent: null, requestId: null },
  };
});
afterAll(() => database.close());

async function exported(format: "csv" | "json"): Promise<string> {
  const { chunks } = await exportIdentities({ actor: admin, db, clock, input: { format } });
  let text = "";
  for await (const chunk of chunks) text += chunk;
  return text;
}

const snapshot = async () =>
  JSON.stringify(
    await db.identity.findMany({
      orderBy: { id: "asc" },
      include: { credentials: { orderBy: { handle: "asc" } }, entitlements: { orderBy: { id: "asc" } } },
    }),
  );

describe("export, then import the same file", () => {
  for (const format of ["csv", "json"] as const) {
    it(`${format}: every identity unchanged, nothing written`, async () => {
      const before = await snapshot();
      const events = await db.auditEvent.count({ where: { action: { startsWith: "identity." } } });
      const text = await exported(format);
      const result = await importIdentities({ actor: admin, db, clock, input: { format, content: text, dryRun: false } });
      const changed = result.items.filter((i) => i.action !== "unchanged");
      expect(changed).toEqual([]);
      expect(result.counts).toMatchObject({ unchanged: 320, create: 0, update: 0, reject: 0 });
      expect(await snapshot()).toBe(before);
      expect(await db.auditEvent.count({ where: { action: { startsWith: "identity." } } })).toBe(events);
    });
  }
});
