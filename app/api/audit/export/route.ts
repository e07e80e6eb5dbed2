import { apiRoute } from "@/lib/auth/api-route";
import { streamDownload } from "@/lib/auth/stream-response";
import { exportAuditEvents } from "@/lib/domain/audit/export-audit-events";

export const dynamic = "force-dynamic";

/** CSV of the audit log under the same filters as the page (?actor=&action=&target=&outcome=&from=&to=). */
export const GET = apiRoute(async ({ actor, db, clock, request }) => {
  const input = Object.fromEntries(new URL(request.url).searchParams);
  const lines = await exportAuditEvents({ actor, db, clock, input });
  return streamDownload(lines, "text/csv; charset=utf-8", `audit-log-${clock.now().toISOString().replace(/[:.]/g, "-")}.csv`);
});
