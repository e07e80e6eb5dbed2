import { apiRoute } from "@/lib/auth/api-route";
import { exportEvidencePack } from "@/lib/domain/posture/evidence/export-pack";

/**
 * GET ?format=pdf|zip&asOf=: the posture evidence pack (admins and auditors). The response carries the pack's
 * SHA-256 (X-Evidence-SHA256), the same one the export wrote to the audit log.
 */
export const GET = apiRoute(async ({ actor, db, clock, request }) => {
  const pack = await exportEvidencePack({ actor, db, clock, input: Object.fromEntries(new URL(request.url).searchParams) });
  return new Response(pack.stream(), {
    headers: {
      "content-length": String(pack.size),
      "content-type": pack.contentType,
      "content-disposition": `attachment; filename="${pack.filename}"`,
      "x-evidence-sha256": pack.sha256,
      "cache-control": "no-store",
    },
  });
});
