import { apiRoute } from "@/lib/auth/api-route";
import { getConfig } from "@/lib/config/env";
import { handleImport } from "./handle-import";

/**
 * For scripts: POST the file as the body, options in the query.
 *   ?format=aws-credential-report|kubernetes|github-pats|github-installations|csv|json
 *   &dryRun=false to commit (default: dry run) &environment=production &cluster=… &org=…
 * proxy.ts does not run here (it would buffer and cut the body); the body streams, up to IMPORT_MAX_MB.
 */
export const POST = apiRoute((ctx) => handleImport(ctx, getConfig().importMaxBytes));
