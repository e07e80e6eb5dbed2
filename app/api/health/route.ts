import { NextResponse } from "next/server";
import { currentHealth } from "@/lib/server/health";

export const dynamic = "force-dynamic";

/** For load balancers and orchestrators: 200 when the database is reachable and migrations are current. */
export async function GET() {
  const health = await currentHealth();
  // Details (driver messages) stay in the server log; the probe only needs the state.
  const { detail, ...body } = health;
  if (detail) console.error(`[nhi] health: ${detail}`);
  return NextResponse.json(body, { status: health.ok ? 200 : 503, headers: { "Cache-Control": "no-store" } });
}
