import { apiRoute } from "@/lib/auth/api-route";
import { streamDownload } from "@/lib/auth/stream-response";
import { exportIdentities } from "@/lib/domain/registry/export-identities";

export const dynamic = "force-dynamic";

/** The registry under the list's filters (?format=csv|json&q=&kind=&…), in the console's import format. */
export const GET = apiRoute(async ({ actor, db, clock, request }) => {
  const { format, chunks } = await exportIdentities({ actor, db, clock, input: Object.fromEntries(new URL(request.url).searchParams) });
  const stamp = clock.now().toISOString().replace(/[:.]/g, "-");
  return streamDownload(chunks, format === "csv" ? "text/csv; charset=utf-8" : "application/json", `registry-${stamp}.${format}`);
});
