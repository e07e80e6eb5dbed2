import { spawnSync } from "node:child_process";
import { expect, test } from "@playwright/test";

// The built server itself (not only `npm start`) refuses to start on a bad setting and names it.
function startServer(port: number, env: Record<string, string>) {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith("OIDC_") && k !== "DATABASE_URL"));
  return spawnSync("npx", ["next", "start", "-p", String(port), "-H", "127.0.0.1"], {
    encoding: "utf8",
    env: { ...clean, ...env } as NodeJS.ProcessEnv,
    timeout: 60_000,
  });
}

test("next start exits with a message naming a malformed DATABASE_URL", () => {
  const result = startServer(3198, { DATABASE_URL: "postgresql://:5432" });
  expect(result.status).toBe(1);
  expect(result.stderr + result.stdout).toContain("DATABASE_URL is not a valid postgres URL");
});

test("next start exits with a message naming a missing OIDC client secret", () => {
  const result = startServer(3199, { OIDC_ISSUER: "https://idp.example.com", OIDC_CLIENT_ID: "console" });
  expect(result.status).toBe(1);
  expect(result.stderr + result.stdout).toContain("OIDC_CLIENT_SECRET is required when OIDC_ISSUER is set");
});
