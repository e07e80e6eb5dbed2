import { readdirSync, statSync } from "node:fs";
import { seedBreakGlassExamples } from "./fuzz-cases/breakglass";
import { seedBreakglassEnforcementExamples } from "./fuzz-cases/breakglass-enforcement";
import { seedReviewDecideExamples } from "./fuzz-cases/reviews-decide";
import { join, relative } from "node:path";
import { Validator } from "@seriousme/openapi-schema-validator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as serveOpenApi } from "@/app/api/openapi.json/route";
import { handleApiRequest } from "@/lib/auth/api-route";
import type { UserActor } from "@/lib/domain/authz/actor";
import type { Clock } from "@/lib/domain/shared/clock";
import { createIdentity } from "@/lib/domain/registry/create-identity";
import { HTTP_METHODS, type HttpMethod, inputJsonSchema, propertiesOf, queryValue, type RouteDoc } from "@/lib/http/openapi/describe";
import { openApiDocument } from "@/lib/http/openapi/document";
import { INTERNAL_ROUTES, ROUTES } from "@/lib/http/openapi/routes";
import { makeUser } from "./helpers/actors";
import { createTestDatabase, type TestDatabase } from "./helpers/test-database";

// /api/openapi.json lists every route under app/api (or the route is excluded by name, with why), is valid
// OpenAPI 3.1, and does not lie: each example is accepted by the use-case's own schema, each route asks
// the policy for the action the document names (the scope a token needs), and each example answer has the
// fields the route really answers with.

type RouteModule = Record<string, unknown> & {
  [M in HttpMethod]?: ((...args: never[]) => unknown) & { handler?: Parameters<typeof handleApiRequest>[0] };
};

function routeFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    return statSync(path).isDirectory() ? routeFiles(path) : entry === "route.ts" ? [path] : [];
  });
}

/** `app/api/registry/identities/[id]/route.ts` -> `/api/registry/identities/{id}`. */
const openApiPath = (file: string) => `/${file.replace(/^app\//, "").replace(/\/route\.ts$/, "")}`.replace(/\[(\w+)\]/g, "{$1}");

const fileOf = (path: string) => `app${path.replace(/\{(\w+)\}/g, "[$1]")}/route.ts`;

const files = routeFiles("app/api").map((f) => relative(".", f));
const document = openApiDocument() as { paths: Record<string, Record<string, { "x-policy-action"?: string }>> };
const documented = (method: string, path: string) => !!document.paths[path]?.[method.toLowerCase()];

async function exportedMethods(file: string): Promise<HttpMethod[]> {
  const mod = (await import(/* @vite-ignore */ `@/${file}`)) as RouteModule;
  return HTTP_METHODS.filter((m) => typeof mod[m] === "function");
}

describe("the API description lists every route", () => {
  it("every method every route file exports is described (or the file is excluded with its reason)", async () => {
    const missing: string[] = [];
    for (const file of files) {
      if (INTERNAL_ROUTES[file]) continue;
      expect(file, "a catch-all route must be described by hand or excluded").not.toMatch(/\[\.\.\./);
      for (const method of await exportedMethods(file))
        if (!documented(method, openApiPath(file))) missing.push(`${method} ${openApiPath(file)}`);
    }
    expect(missing, "add these to lib/http/openapi/routes.ts").toEqual([]);
  });

  it("describes nothing that is not there, and excludes only files that exist", async () => {
    for (const route of ROUTES) {
      const file = fileOf(route.path);
      expect(files, `${route.method} ${route.path}`).toContain(file);
      expect(await exportedMethods(file), `${route.method} ${route.path}`).toContain(route.method);
    }
    for (const [file, why] of Object.entries(INTERNAL_ROUTES)) {
      expect(files).toContain(file);
      expect(why.length).toBeGreaterThan(20);
    }
  });

  it("gives each operation a unique operationId", () => {
    const ids = ROUTES.map((r) => r.operationId);
    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe("the document", () => {
  it("validates as OpenAPI 3.1", async () => {
    const validator = new Validator();
    const result = await validator.validate(structuredClone(document) as never);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(validator.version).toBe("3.1");
  });

  it("the validator is not a rubber stamp: a broken document is refused", async () => {
    const broken = structuredClone(document) as { paths: Record<string, Record<string, { responses?: unknown; parameters?: unknown[] }>> };
    delete broken.paths["/api/registry/identities"]!.get!.responses;
    broken.paths["/api/registry/identities/{id}"]!.get!.parameters = [{ name: "id", in: "body" }];
    const result = await new Validator().validate(broken as never);
    expect(result.valid).toBe(false);
  });

  it("is served at /api/openapi.json without signing in", async () => {
    const response = serveOpenApi();
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^application\/json/);
    expect(await response.json()).toEqual(JSON.parse(JSON.stringify(document)));
  });

  it("offers API tokens (bearerAuth, scoped by the policy action) except where the policy wants a person", () => {
    const op = (path: string, method: string) =>
      document.paths[path]![method] as { security: Record<string, string[]>[]; "x-policy-action"?: string };
    expect(op("/api/registry/identities", "get").security).toEqual([{ sessionCookie: [] }, { bearerAuth: ["registry.read"] }]);
    expect(op("/api/admin/users/{id}/roles", "post").security).toEqual([{ sessionCookie: [] }]);
    expect(op("/api/health", "get").security).toEqual([]);
  });

  it("describes inputs from the use-case's schema: the registry's no-owner filter, the import's options", () => {
    const list = document.paths["/api/registry/identities"]!.get as unknown as {
      parameters: { name: string; schema: { enum?: string[] } }[];
    };
    expect(list.parameters.find((p) => p.name === "noOwner")?.schema.enum).toEqual(expect.arrayContaining(["true", "1"]));
    const importOp = document.paths["/api/registry/import"]!.post as unknown as {
      parameters: { name: string; required: boolean }[];
      requestBody: { content: Record<string, unknown> };
    };
    expect(importOp.parameters.map((p) => p.name)).toEqual(expect.arrayContaining(["format", "dryRun", "environment"]));
    expect(importOp.parameters.map((p) => p.name)).not.toContain("content");
    expect(Object.keys(importOp.requestBody.content)).toContain("text/csv");
    const responses = (document.paths["/api/registry/import"]!.post as unknown as { responses: Record<string, unknown> }).responses;
    expect(responses["413"]).toEqual({ $ref: "#/components/responses/PAYLOAD_TOO_LARGE" });
  });
});

/** The input a route hands its use-case for the route's example (path ids merged in, query typed). */
function exampleInput(route: RouteDoc, substitute: (value: unknown) => unknown = (v) => v): Record<string, unknown> {
  const input = route.input!;
  const { properties } = propertiesOf(inputJsonSchema(input.schema));
  const raw: Record<string, unknown> = {};
  if (input.in === "query")
    for (const [name, text] of Object.entries(route.example?.query ?? {}))
      raw[name] = properties[name] ? queryValue(properties[name], text) : text;
  if (input.in === "body") Object.assign(raw, route.example?.body ?? {});
  for (const [param, field] of Object.entries(input.path ?? {})) raw[field] = route.example?.path?.[param];
  for (const field of input.filledByRoute ?? []) raw[field] = "x";
  return substitute(raw) as Record<string, unknown>;
}

describe("the examples", () => {
  for (const route of ROUTES.filter((r) => r.input)) {
    it(`${route.method} ${route.path}: the use-case's schema accepts the example`, async () => {
      for (const param of Object.keys(route.input!.path ?? {})) expect(route.example?.path?.[param], `example of {${param}}`).toBeDefined();
      if (route.input!.in === "body") expect(route.example?.body, "a body example").toBeDefined();
      const parsed = await route.input!.schema.safeParseAsync(exampleInput(route));
      expect(parsed.error?.issues ?? []).toEqual([]);
    });
  }
});

// ---- against the real routes ------------------------------------------------------------------------------

const clock: Clock = { now: () => new Date("2026-06-01T12:00:00.000Z") };
let database: TestDatabase;
let db: TestDatabase["prisma"];

beforeAll(async () => {
  database = await createTestDatabase();
  db = database.prisma;
});
afterAll(() => database?.close());

async function call(route: RouteDoc, actor: UserActor, substitute: (value: unknown) => unknown): Promise<Response> {
  const mod = (await import(/* @vite-ignore */ `@/${fileOf(route.path)}`)) as RouteModule;
  const handler = mod[route.method]!.handler!;
  const path = Object.fromEntries(Object.entries(route.example?.path ?? {}).map(([k, v]) => [k, String(substitute(v))]));
  const url = new URL(`http://console.test${route.path.replace(/\{(\w+)\}/g, (_, name: string) => path[name]!)}`);
  for (const [k, v] of Object.entries(route.example?.query ?? {})) url.searchParams.set(k, v);
  const body = route.fileBody
    ? route.fileBody.example
    : route.input?.in === "body"
      ? JSON.stringify(substitute(route.example?.body))
      : undefined;
  const request = new Request(url, { method: route.method, ...(body === undefined ? {} : { body }), headers: { host: "console.test" } });
  return handleApiRequest(handler, { actor, db, clock, request, params: path }, "http://console.test");
}

/** The fields of a value, at every depth (an array by its first element; null and empty arrays say nothing). */
function fields(value: unknown, at = "data"): string[] {
  if (Array.isArray(value)) return value.length ? fields(value[0], `${at}[]`) : [];
  if (value && typeof value === "object")
    return Object.entries(value).flatMap(([k, v]) => [`${at}.${k}`, ...(v === null ? [] : fields(v, `${at}.${k}`))]);
  return [];
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

const apiRoutes = () => ROUTES.filter((r) => r.auth !== "public");

describe("the document matches what the routes do", () => {
  it("each route asks the policy for the action it documents (the scope a token needs)", async () => {
    const nobody = await makeUser(db, []);
    for (const route of apiRoutes()) {
      const response = await call(route, nobody, (v) => v);
      expect(response.status, `${route.method} ${route.path}`).toBe(403);
      const last = await db.auditEvent.findFirst({ where: { actorId: nobody.userId }, orderBy: { seq: "desc" } });
      expect({ route: `${route.method} ${route.path}`, action: last?.action, outcome: last?.outcome }).toEqual({
        route: `${route.method} ${route.path}`,
        action: route.auth,
        outcome: "denied",
      });
      await db.auditEvent.deleteMany({ where: { actorId: nobody.userId } }).catch(() => undefined);
    }
  });

  it("each example, run for real by an admin, succeeds and answers the fields its example shows", async () => {
    const admin = await makeUser(db, ["admin"]);
    const owner = await makeUser(db, ["member"], { email: "ada@example.com" });
    const heir = await makeUser(db, ["member"]);
    const existing = await createIdentity({
      actor: admin,
      db,
      clock,
      input: {
        name: "existing-bot",
        kind: "service_account",
        platform: "aws",
        externalId: "arn:aws:iam::123456789012:user/existing-bot",
        environment: "production",
        purpose: "Reads the billing bucket",
        ownerId: owner.userId,
        tags: [],
      },
    });
    // The examples' ids stand for these rows.
    const ids: Record<string, string> = {
      [String(ROUTES.find((r) => r.operationId === "getIdentity")!.example!.path!.id)]: existing.id,
      [String(ROUTES.find((r) => r.operationId === "setUserRoles")!.example!.path!.id)]: owner.userId,
      [String(ROUTES.find((r) => r.operationId === "setUserStatus")!.example!.body!.transferToUserId)]: heir.userId,
    };
    // Review items for the reviewer's routes (their examples' ids stand for these).
    Object.assign(ids, await seedReviewDecideExamples(db, clock, admin));
    Object.assign(ids, await seedBreakGlassExamples(db, clock, admin));
    Object.assign(ids, await seedBreakglassEnforcementExamples(db, clock, owner.userId));
    // What a create answers stands for its example's ids from then on (the endpoint a later example names).
    const learnIds = (shown: unknown, real: unknown): void => {
      if (typeof shown === "string" && UUID.test(shown) && typeof real === "string") ids[shown] ??= real;
      else if (Array.isArray(shown) && Array.isArray(real)) learnIds(shown[0], real[0]);
      else if (shown && real && typeof shown === "object" && typeof real === "object")
        for (const [k, v] of Object.entries(shown)) learnIds(v, (real as Record<string, unknown>)[k]);
    };
    const substitute = (value: unknown) => JSON.parse(JSON.stringify(value ?? null).replace(/[0-9a-f-]{36}/g, (id) => ids[id] ?? id));
    // The import's dry run first: its example is the identity the create example then registers.
    const order = [...apiRoutes()].sort(
      (a, b) => Number(b.operationId === "importIdentities") - Number(a.operationId === "importIdentities"),
    );
    for (const route of order) {
      const response = await call(route, admin, substitute);
      const label = `${route.method} ${route.path}`;
      const r = route.response;
      if ("file" in r) {
        expect(response.status, label).toBe(200);
        expect(
          r.file.contentTypes.some((t) => response.headers.get("content-type")?.startsWith(t)),
          label,
        ).toBe(true);
        await response.arrayBuffer();
        continue;
      }
      const body = (await response.json()) as { ok: boolean; data: unknown };
      expect({ label, status: response.status, body: response.status === 200 ? "ok" : body }).toEqual({ label, status: 200, body: "ok" });
      if ("data" in r) {
        learnIds(r.example, body.data);
        const real = new Set(fields(body.data));
        const shown = new Set(fields(r.example));
        // Compared where both spell an object out (an empty list or a null in either says nothing of its fields).
        const parent = (f: string) => f.slice(0, f.lastIndexOf("."));
        const spelledOut = (set: Set<string>, p: string) => p === "data" || [...set].some((s) => parent(s) === p);
        const invented = [...shown].filter((f) => !real.has(f) && spelledOut(real, parent(f)));
        const untold = [...real].filter((f) => !shown.has(f) && spelledOut(shown, parent(f)));
        expect({ label, invented, untold }).toEqual({ label, invented: [], untold: [] });
      }
    }
  });
});
