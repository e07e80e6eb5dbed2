import { exportPackSchema } from "@/lib/domain/posture/evidence/export-pack";
import type { RouteDoc } from "./describe";

// The posture routes, spread into ROUTES (routes.ts). Same rules as there: one entry per route file and method,
// the use-case's own zod schema, an example the tests parse.

const tag = "Posture";

export const POSTURE_ROUTES: RouteDoc[] = [
  {
    method: "GET",
    path: "/api/posture/evidence",
    operationId: "exportEvidencePack",
    tag,
    summary: "The posture evidence pack as of a date (PDF for people, ZIP of CSV and JSON for tools)",
    description:
      "The controls of every framework with their status, the findings open at `asOf` (now when absent; a date alone means the end of that day, UTC), every access-review decision and break-glass request up to then with its after-action review, the posture policy and checks in force, and the audit chain verified to its head. The pack's SHA-256 is returned in the `X-Evidence-SHA256` header and written to the audit log with the export (as `sha256:<hex>`), so the file can be proven unchanged later: `npm run evidence:verify FILE`.",
    auth: "posture.export",
    input: { schema: exportPackSchema, in: "query" },
    example: { query: { format: "zip", asOf: "2026-11-25T00:00:00Z" } },
    response: {
      file: {
        contentTypes: ["application/pdf", "application/zip"],
        description: "The pack (`posture-evidence-<as-of day>-<time>.pdf` or `.zip`).",
      },
    },
  },
];
