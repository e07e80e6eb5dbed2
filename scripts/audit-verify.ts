// npm run audit:verify: walks the audit hash chain of the configured database and reports it intact, or
// names the first broken event. Exit code 0 when intact, 1 when broken, 2 when it could not run.
import { getConfig } from "@/lib/config/env";
import { openDatabase } from "@/lib/db/open-database";
import { verifyAuditChain } from "@/lib/domain/audit/verify-audit-chain";
import { systemActor } from "@/lib/domain/authz/actor";
import { systemClock } from "@/lib/domain/shared/clock";

async function main(): Promise<number> {
  const database = await openDatabase(getConfig().databaseUrl);
  try {
    const report = await verifyAuditChain({ actor: systemActor("system:audit-verify"), db: database.prisma, clock: systemClock });
    if (report.intact) {
      console.log(`Audit chain intact: ${report.checked} events verified.`);
      return 0;
    }
    console.error(`Audit chain BROKEN at event #${report.brokenSeq}: ${report.problem}. ${report.checked} events before it verified.`);
    return 1;
  } finally {
    await database.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: Error) => {
    console.error(`audit:verify could not run: ${error.message}`);
    process.exit(2);
  },
);
