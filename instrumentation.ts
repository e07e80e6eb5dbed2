// Runs once when the server starts: validates the configuration, opens the database and applies
// migrations before the first request, and refuses to start (exit 1) with a message naming what is wrong.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { getConfig, ConfigError } = await import("./lib/config/env");
  try {
    getConfig();
    const { getDatabase } = await import("./lib/server/database");
    await getDatabase();
  } catch (error) {
    console.error(`[nhi] cannot start: ${error instanceof ConfigError ? error.message : (error as Error).stack}`);
    process.exit(1);
  }
}
