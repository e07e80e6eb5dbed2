import "server-only";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { getConfig } from "../config/env";

/**
 * The key that signs session tokens. Production on PostgreSQL must set NEXTAUTH_SECRET (env.ts enforces
 * it); the embedded default makes one on first start and keeps it beside its data, readable by its owner
 * only, so sessions survive a restart without anyone having to configure anything.
 */
export function authSecret(): string {
  const config = getConfig();
  if (config.authSecret) return config.authSecret;
  const dir = path.resolve(".data");
  const file = path.join(dir, "auth-secret");
  if (!existsSync(file)) {
    mkdirSync(dir, { recursive: true });
    writeFileSync(file, randomBytes(48).toString("base64url"), { mode: 0o600, flag: "wx" });
  }
  return readFileSync(file, "utf8").trim();
}
