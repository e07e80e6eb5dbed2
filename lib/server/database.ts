import "server-only";
import { seedDemoBreakglass } from "@/prisma/seed/demo-breakglass";
import { seedDemoEstate } from "@/prisma/seed/demo-estate";
import { seedDemoPosture } from "@/prisma/seed/demo-posture";
import { seedDemoReviews } from "@/prisma/seed/demo-reviews";
import { seedDemoUsers } from "@/prisma/seed/demo-users";
import { getConfig } from "../config/env";
import { applyMigrations } from "../db/migrate";
import { type Database, openDatabase } from "../db/open-database";
import type { Db } from "../db/types";
import { checkCredentials } from "../domain/notifications/credential-check";
import { serverClock } from "./clock";

// One database per process, opened once: instrumentation.ts opens it at start-up (so migrations run before
// the first request), and every request awaits the same promise. Kept on globalThis because Next.js may
// load this module more than once (instrumentation and route bundles are separate module graphs).
const state = globalThis as typeof globalThis & { __nhiDatabase?: Promise<Database> };

export function getDatabase(): Promise<Database> {
  state.__nhiDatabase ??= open();
  return state.__nhiDatabase;
}

export async function getDb(): Promise<Db> {
  return (await getDatabase()).prisma;
}

async function open(): Promise<Database> {
  const config = getConfig();
  const database = await openDatabase(config.databaseUrl);
  const applied = await applyMigrations(database.raw, database.kind);
  if (applied.length > 0) console.log(`[nhi] applied migrations: ${applied.join(", ")}`);
  if (config.seedDemoData) {
    const seeded = await seedDemoUsers(database.prisma, serverClock);
    if (seeded > 0) {
      console.log(`[nhi] created ${seeded} demo accounts (see README)`);
      console.log(`[nhi] created a demo estate of ${await seedDemoEstate(database.prisma, serverClock)} identities`);
      // The demo owners' inboxes and My work show what the hourly credential check finds, from the first minute.
      const told = await checkCredentials(database.prisma, serverClock);
      console.log(`[nhi] told the demo owners about ${told.events} expired or expiring credentials`);
      console.log(
        `[nhi] defined ${await seedDemoReviews(database.prisma, serverClock)} demo review campaigns and launched the quarterly one`,
      );
      console.log(`[nhi] filed ${await seedDemoBreakglass(database.prisma, serverClock)} demo break-glass requests`);
      // The dashboard's trend from the first minute: the demo estate evaluated as it stood over the past month.
      console.log(`[nhi] recorded ${await seedDemoPosture(database.prisma, serverClock)} days of demo posture history`);
    }
  }
  return database;
}
