import { apiRoute } from "@/lib/auth/api-route";
import { exportAuditEvents } from "@/lib/domain/audit/export-audit-events";

export const dynamic = "force-dynamic";

/** CSV of the audit log under the same filters as the page (?actor=&action=&target=&outcome=&from=&to=). */
export const GET = apiRoute(async ({ actor, db, clock, request }) => {
  const input = Object.fromEntries(new URL(request.url).searchParams);
  const lines = await exportAuditEvents({ actor, db, clock, input });
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = await lines.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(next.value));
    },
  });
  const stamp = clock.now().toISOString().replace(/[:.]/g, "-");
  return new Response(body, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="audit-log-${stamp}.csv"`,
      "Cache-Control": "no-store",
    },
  });
});
