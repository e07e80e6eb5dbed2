// npm run evidence:verify FILE: is FILE an evidence pack this console handed out, unchanged? Computes its SHA-256,
// finds the export that recorded it in the audit log of the configured database (DATABASE_URL, as npm start uses),
// and verifies the audit chain. Exit code 0 when both hold, 1 when not, 2 when it could not run.
import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { getConfig } from "@/lib/config/env";
import { openDatabase } from "@/lib/db/open-database";
import { verifyEvidencePack } from "@/lib/domain/posture/evidence/verify-pack";
import { systemClock } from "@/lib/domain/shared/clock";

async function main(): Promise<number> {
  const file = process.argv[2];
  if (!file) {
    console.error("Usage: npm run evidence:verify FILE");
    return 2;
  }
  // Hashed as it is read: a pack of a large estate need not fit in memory.
  const hasher = createHash("sha256");
  for await (const chunk of createReadStream(file)) hasher.update(chunk as Buffer);
  const hash = hasher.digest("hex");
  const database = await openDatabase(getConfig().databaseUrl);
  try {
    const result = await verifyEvidencePack(database.prisma, systemClock, hash);
    console.log(`SHA-256 ${result.sha256}`);
    if (!result.recorded) {
      console.error("NOT VERIFIED: no export in the audit log recorded this file (it was changed, or not made by this console).");
      return 1;
    }
    console.log(
      `Recorded by audit event #${result.recorded.seq} at ${result.recorded.at} (${result.recorded.by}): ${result.recorded.filename}, as of ${result.recorded.asOf}.`,
    );
    if (!result.chain.intact) {
      console.error(`NOT VERIFIED: the audit chain is broken at event #${result.chain.brokenSeq}: ${result.chain.problem}.`);
      return 1;
    }
    console.log(`Audit chain intact (${result.chain.checked} events). The file is unchanged since it was exported.`);
    return 0;
  } finally {
    await database.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: Error) => {
    console.error(`evidence:verify could not run: ${error.message}`);
    process.exit(2);
  },
);
