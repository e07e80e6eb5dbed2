// npm start: validates the configuration, builds the app when the build is missing or stale, then serves
// it with `next start` (which applies migrations and, on an empty embedded database, creates demo data).
import { execFileSync, spawn, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { ConfigError, parseEnv } from "@/lib/config/env";

(process.env as Record<string, string | undefined>).NODE_ENV ??= "production";
try {
  parseEnv(process.env);
} catch (error) {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
}

/** Identifies the sources the build came from: the commit plus any uncommitted change. */
function sourceStamp(): string {
  try {
    const head = execFileSync("git", ["rev-parse", "HEAD"], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] });
    const dirty = execFileSync("git", ["status", "--porcelain", "--untracked-files=no"], {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "ignore"],
    });
    return createHash("sha256")
      .update(head + dirty)
      .digest("hex");
  } catch {
    return "no-git";
  }
}

const stampFile = ".next/nhi-source-stamp";
const stamp = sourceStamp();
const built = existsSync(".next/BUILD_ID") && existsSync(stampFile) && readFileSync(stampFile, "utf8") === stamp;
if (!built) {
  console.log("[nhi] building the console (first start or sources changed)…");
  const build = spawnSync("npx", ["next", "build"], { stdio: "inherit" });
  if (build.status !== 0) process.exit(build.status ?? 1);
  writeFileSync(stampFile, stamp);
}

const port = process.env.PORT ?? "3000";
console.log(`[nhi] serving on http://localhost:${port}`);
const server = spawn("npx", ["next", "start", "-p", port], { stdio: "inherit" });
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => server.kill(signal));
server.on("exit", (code) => process.exit(code ?? 0));
