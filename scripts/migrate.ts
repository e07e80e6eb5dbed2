// npm run db:migrate: applies pending migrations to the configured database and exits (the console also
// does this by itself at start-up; this is for deploy pipelines that migrate before rolling out).
import { getConfig } from "@/lib/config/env";
import { applyMigrations } from "@/lib/db/migrate";
import { openDatabase } from "@/lib/db/open-database";

const database = await openDatabase(getConfig().databaseUrl);
try {
  const applied = await applyMigrations(database.raw, database.kind);
  console.log(applied.length ? `Applied: ${applied.join(", ")}` : "Database is up to date.");
} catch (error) {
  console.error((error as Error).message);
  process.exitCode = 1;
} finally {
  await database.close();
}
