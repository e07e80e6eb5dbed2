import { NextResponse } from "next/server";
import { openApiDocument } from "@/lib/http/openapi/document";

/**
 * The API's OpenAPI 3.1 description, readable without signing in: it describes the shapes and rules that are
 * in the console's source anyway and holds nothing about this installation (no data, settings or addresses).
 */
export function GET() {
  return NextResponse.json(openApiDocument(), { headers: { "Cache-Control": "public, max-age=300" } });
}
