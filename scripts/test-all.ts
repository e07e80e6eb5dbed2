// npm test: every test. Integration tests (Vitest, on a fresh embedded PGlite per file), then the
// end-to-end suite (Playwright on Debian's Chromium against the production build and a real OIDC
// provider on 127.0.0.1). Ends with one line "N passed, N failed" and a non-zero exit on any failure.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, rmSync } from "node:fs";

const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };
const run = (command: string, args: string[], extraEnv: Record<string, string> = {}) =>
  spawnSync(command, args, { stdio: "inherit", env: { ...env, ...extraEnv } }).status ?? 1;

function ensureChromium(): void {
  const path = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
  if (existsSync(path)) return;
  // Playwright's own browser download cannot work offline; Debian's Chromium can be installed by root.
  if (process.getuid?.() === 0 && existsSync("/usr/bin/apt-get")) {
    console.log("[test] installing Debian's chromium for the end-to-end tests…");
    if (run("apt-get", ["update"]) === 0 && run("apt-get", ["install", "-y", "chromium"]) === 0) return;
  }
  console.error(`[test] Chromium not found at ${path}. Install it (sudo apt-get install -y chromium) or set CHROMIUM_PATH.`);
  process.exit(1);
}

ensureChromium();
rmSync("test-results", { recursive: true, force: true });
mkdirSync("test-results", { recursive: true });

run("npx", ["vitest", "run", "--reporter=default", "--reporter=json", "--outputFile=test-results/vitest.json"], { TEST_DATABASE_URL: "" });
if (run("npx", ["next", "build"]) === 0) run("npx", ["playwright", "test"]);

process.exit(run("npx", ["tsx", "scripts/count-results.ts", "test-results/vitest.json", "test-results/e2e.json"]));
