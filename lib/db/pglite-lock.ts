import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";

// PGlite has no server to arbitrate access: two processes opening the same folder would corrupt it.
// A lock file naming the owning process keeps a second one (a CLI next to the running console) out.

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Takes the folder's lock or throws naming the process that holds it; returns the release function. */
export function lockDataDir(dataDir: string): () => void {
  mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, "nhi-console.lock");
  try {
    writeFileSync(file, String(process.pid), { flag: "wx" });
  } catch {
    const owner = Number(readFileSync(file, "utf8"));
    if (owner !== process.pid && alive(owner)) {
      throw new Error(`The embedded database in ${dataDir} is in use by process ${owner}. Stop the console first, or use PostgreSQL.`);
    }
    writeFileSync(file, String(process.pid));
  }
  return () => rmSync(file, { force: true });
}
