import { buildOpenApiDocument } from "./describe";
import { ROUTES } from "./routes";

const DESCRIPTION = `The NHI console's HTTP API: the registry, its imports and exports, the audit log, people and settings.

Every route answers JSON: \`{ "ok": true, "data": … }\`, or \`{ "ok": false, "code", "message", "fieldErrors" }\` with the
HTTP status of the code (400 VALIDATION, 401 UNAUTHENTICATED, 403 FORBIDDEN, 404 NOT_FOUND, 409 CONFLICT,
413 PAYLOAD_TOO_LARGE, 429 RATE_LIMITED); exports answer the file itself. Each answer carries \`x-request-id\`, the id
the audit log and the server's log record.

Scripts authenticate with an API token: \`Authorization: Bearer nhic_…\`, created at /settings/tokens. A token's
scopes are policy actions (each operation names its own in \`x-policy-action\` and in its bearerAuth requirement); it
never has more rights than its owner holds at the time of the request, and actions reserved for people (approving,
certifying, managing people, tokens and webhooks) refuse every token. Every refusal is recorded in the audit log.

Generated from the zod schemas the routes validate with (lib/http/openapi); never edited by hand.`;

let cached: Record<string, unknown> | undefined;

/** The API's OpenAPI 3.1 description, built once per process (it depends on the code only). */
export function openApiDocument(): Record<string, unknown> {
  cached ??= buildOpenApiDocument(ROUTES, { title: "NHI Console API", version: "0.1.0", description: DESCRIPTION });
  return cached;
}
