import type { RouteDoc } from "./describe";

// The break-glass routes, spread into ROUTES (routes.ts). Same rules as there: one entry per route file and
// method, the use-case's own zod schema, an example the tests run against the real route.
export const BREAKGLASS_ROUTES: RouteDoc[] = [];
