import { apiRoute } from "@/lib/auth/api-route";
import { importIdentities } from "@/lib/domain/registry/import/import-identities";

/**
 * For scripts: POST the file as the body, options in the query.
 *   ?format=aws-credential-report|kubernetes|github-pats|github-installations|csv|json
 *   &dryRun=false to commit (default: dry run) &environment=production &cluster=… &org=…
 */
export const POST = apiRoute(async ({ actor, db, clock, request }) => {
  const query = Object.fromEntries(new URL(request.url).searchParams);
  const content = await request.text();
  return importIdentities({ actor, db, clock, input: { ...query, content, dryRun: query.dryRun !== "false" } });
});
