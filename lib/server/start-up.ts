import "server-only";
import { ConfigError, getConfig } from "../config/env";
import { getDatabase } from "./database";

/**
 * Validates the configuration, opens the database and applies migrations before the first request.
 * Refuses to start (exit 1) with a message naming what is wrong, instead of failing request by request.
 */
export async function startUp(): Promise<void> {
  try {
    getConfig();
    await getDatabase();
  } catch (error) {
    console.error(`[nhi] cannot start: ${error instanceof ConfigError ? error.message : (error as Error).message}`);
    process.exit(1);
  }
}
