import { refuseCrossOriginAction } from "@/lib/auth/api-route";

/** Where proxy.ts sends a server action posted from another origin: recorded and answered 403. */
export const POST = refuseCrossOriginAction;
