import { NextResponse } from "next/server";
import { currentActor } from "@/lib/auth/actor";
import { recordCrossOrigin } from "@/lib/auth/api-route";
import { anonymousActor } from "@/lib/domain/authz/actor";
import { systemClock } from "@/lib/domain/shared/clock";
import { getDb } from "@/lib/server/database";
import { requestContext } from "@/lib/auth/request-context";

/**
 * Where proxy.ts sends a server action posted from another origin: the refusal is recorded (with the
 * signed-in user the cookies name, if any) and answered 403. Nothing else happens here.
 */
export async function POST(request: Request): Promise<Response> {
  const actor = (await currentActor()) ?? anonymousActor("anonymous", await requestContext());
  await recordCrossOrigin(await getDb(), systemClock, actor, request);
  return NextResponse.json({ ok: false, code: "FORBIDDEN", message: "Cross-origin requests may not change anything." }, { status: 403 });
}
