import { apiRoute } from "@/lib/auth/api-route";
import { exportEvidence } from "@/lib/domain/reviews/evidence/export-evidence";

export const dynamic = "force-dynamic";

/** GET ?format=csv|pdf: the run's evidence, streamed as it is written. The export is recorded in the audit log first. */
export const GET = apiRoute<{ id: string }>(async ({ actor, db, clock, request, params }) => {
  const format = new URL(request.url).searchParams.get("format") ?? undefined;
  const file = await exportEvidence({ actor, db, clock, input: { runId: params.id, format } });
  const chunks = file.chunks;
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = await chunks.next();
      if (next.done) controller.close();
      else controller.enqueue(next.value);
    },
    async cancel() {
      await chunks.return(undefined);
    },
  });
  return new Response(body, {
    headers: {
      "Content-Type": file.contentType,
      "Content-Disposition": `attachment; filename="${file.filename}"`,
      "Cache-Control": "no-store",
      "X-Audit-Head-Hash": file.headHash,
    },
  });
});
