import { z } from "zod";
import { type Action, POLICY } from "@/lib/domain/authz/policy";
import { type ErrorCode, type Failure, HTTP_STATUS } from "@/lib/domain/shared/errors";

// Turns the route catalog (routes.ts) into an OpenAPI 3.1 document. Nothing here is a hand-written schema
// of an input: each route names the zod schema its use-case validates with, and zod writes the JSON Schema
// (draft 2020-12, which OpenAPI 3.1 uses as it is). What a route answers is the envelope every route
// handler writes (`{ ok: true, data }` or the failure below), with `data` described in words and by example
// where the use-case returns a TypeScript DTO rather than a zod schema.

export const HTTP_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

type JsonSchema = Record<string, unknown>;

/** Where a route reads its use-case's input. */
export type RouteInput = {
  schema: z.ZodType;
  /** `query`: the search parameters; `body`: a JSON body; `path`: only the path parameters. */
  in: "query" | "body" | "path";
  /**
   * Path parameters and the input field each one fills (`{ id: "userId" }`): the route merges them into the
   * input, so they are left out of the query or body the caller sends.
   */
  path?: Record<string, string>;
  /** Fields the route fills itself from elsewhere (the import's `content` is the request body). */
  filledByRoute?: string[];
};

export type RouteDoc = {
  method: HttpMethod;
  /** The address as OpenAPI writes it: `/api/registry/identities/{id}` for `app/api/registry/identities/[id]`. */
  path: string;
  operationId: string;
  tag: string;
  summary: string;
  description?: string;
  /**
   * Who may call it. A policy action: a signed-in person whose roles the policy table allows, or an API token
   * whose scopes include the action (and whose owner's roles allow it); actions the table reserves for
   * people refuse every token. `public`: no sign-in at all.
   */
  auth: Action | "public";
  input?: RouteInput;
  /** A body that is a file rather than JSON (the import). */
  fileBody?: { contentTypes: string[]; description: string; example?: string };
  response:
    | {
        /** What `data` holds: the DTO's name and file, in words. */
        data: string;
        /** A zod schema of `data`, where one exists. */
        schema?: z.ZodType;
        example: unknown;
      }
    | { file: { contentTypes: string[]; description: string } }
    | { raw: { description: string; schema: z.ZodType; example: unknown; statuses?: number[] } };
  /** Errors beyond those every route of its kind can answer (see errorsOf). */
  errors?: ErrorCode[];
  /** Examples of the query or body, parsed by the use-case's schema in tests/openapi.test.ts. */
  example?: { query?: Record<string, string>; body?: Record<string, unknown>; path?: Record<string, string> };
};

/** The failure every route answers, as a zod schema typed by the domain's `Failure` (they cannot drift apart). */
const ERROR_CODES = Object.keys(HTTP_STATUS) as [ErrorCode, ...ErrorCode[]];
export const failureSchema = z
  .object({
    ok: z.literal(false),
    code: z.enum(ERROR_CODES),
    message: z.string().meta({ description: "What was wrong, in a sentence meant for a person." }),
    fieldErrors: z
      .record(z.string(), z.array(z.string()))
      .optional()
      .meta({ description: "For VALIDATION: each input field (dotted path) with its problems." }),
  })
  .meta({ description: "Every refusal: the code decides the HTTP status (lib/domain/shared/errors.ts)." });
// Compile-time: the schema describes exactly the domain's Failure type.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const failureMatches: Same<z.infer<typeof failureSchema>, Failure> = true;
void failureMatches;

const ERROR_TEXT: Record<ErrorCode, { description: string; example: string }> = {
  UNAUTHENTICATED: {
    description: "No session cookie or bearer token, or one that has ended (expired, revoked, signed out).",
    example: "Sign in first.",
  },
  FORBIDDEN: {
    description:
      "The policy refuses: the caller's roles (a token: its owner's current roles and the token's scopes), an action reserved for people, or a browser write from another origin. Recorded in the audit log.",
    example: "Not allowed: requires one of the roles admin.",
  },
  VALIDATION: {
    description: "The input is not valid; `fieldErrors` names each field.",
    example: "Please correct the input. id: id must be an identity id",
  },
  NOT_FOUND: { description: "Nothing with that id.", example: "That identity does not exist." },
  CONFLICT: {
    description: "Someone else changed it first (send the version you read), or it already exists.",
    example: "That already exists (someone may have just created it). Reload and try again.",
  },
  PAYLOAD_TOO_LARGE: {
    description: "The body is larger than IMPORT_MAX_MB allows; nothing was read into the registry.",
    example: "The file is larger than 1024 MB.",
  },
  RATE_LIMITED: { description: "Too many attempts; wait and try again.", example: "Too many attempts. Try again in a few minutes." },
};

/** The errors a route can answer: those of every route of its kind, and its own. */
export function errorsOf(route: RouteDoc): ErrorCode[] {
  const codes = new Set<ErrorCode>(route.errors ?? []);
  if (route.auth !== "public") codes.add("UNAUTHENTICATED").add("FORBIDDEN");
  if (route.input || route.fileBody) codes.add("VALIDATION");
  if (route.input?.path && Object.keys(route.input.path).length > 0) codes.add("NOT_FOUND").add("VALIDATION");
  return [...codes].sort((a, b) => HTTP_STATUS[a] - HTTP_STATUS[b]);
}

/** The JSON Schema of what a caller sends (zod's input side: defaults make a field optional). */
export function inputJsonSchema(schema: z.ZodType): JsonSchema {
  const json = z.toJSONSchema(schema, {
    io: "input",
    target: "draft-2020-12",
    // A few schemas also accept a Date from server code; over HTTP a date is ISO 8601 text.
    unrepresentable: "any",
    override: ({ zodSchema, jsonSchema }) => {
      if (zodSchema._zod.def.type === "date") Object.assign(jsonSchema, { type: "string", format: "date-time" });
    },
  }) as JsonSchema;
  delete json.$schema;
  return json;
}

function outputJsonSchema(schema: z.ZodType): JsonSchema {
  const json = z.toJSONSchema(schema, { io: "output", target: "draft-2020-12", unrepresentable: "any" }) as JsonSchema;
  delete json.$schema;
  return json;
}

/** The object members of a schema (an intersection's too), as zod writes them. */
function members(json: JsonSchema): JsonSchema[] {
  const all = Array.isArray(json.allOf) ? (json.allOf as JsonSchema[]).flatMap(members) : [];
  return json.properties ? [json, ...all] : all;
}

export function propertiesOf(json: JsonSchema): { properties: Record<string, JsonSchema>; required: Set<string> } {
  const properties: Record<string, JsonSchema> = {};
  const required = new Set<string>();
  for (const m of members(json)) {
    Object.assign(properties, m.properties as Record<string, JsonSchema>);
    for (const name of (m.required as string[] | undefined) ?? []) required.add(name);
  }
  return { properties, required };
}

/** The schema without the given fields (in every object member of an intersection). */
function without(json: JsonSchema, fields: string[]): JsonSchema {
  if (fields.length === 0) return json;
  const copy = structuredClone(json);
  for (const m of members(copy)) {
    const props = m.properties as Record<string, unknown>;
    for (const f of fields) delete props[f];
    if (Array.isArray(m.required)) {
      m.required = (m.required as string[]).filter((r) => !fields.includes(r));
      if ((m.required as string[]).length === 0) delete m.required;
    }
  }
  return copy;
}

/** A query parameter's text as the value its schema types it (`dryRun=false` is the boolean false). */
export function queryValue(schema: JsonSchema, text: string): unknown {
  if (schema.type === "boolean") return text === "true" || text === "1";
  if (schema.type === "integer" || schema.type === "number") return Number(text);
  return text;
}

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

function envelope(data: JsonSchema): JsonSchema {
  return {
    type: "object",
    required: ["ok", "data"],
    properties: { ok: { const: true }, data },
  };
}

function operation(route: RouteDoc): Record<string, unknown> {
  const parameters: Record<string, unknown>[] = [];
  const input = route.input;
  const json = input ? inputJsonSchema(input.schema) : undefined;
  const { properties, required } = json ? propertiesOf(json) : { properties: {}, required: new Set<string>() };
  const pathFields = Object.entries(input?.path ?? {});
  for (const [param, field] of pathFields) {
    const schema = properties[field];
    if (!schema) throw new Error(`${route.method} ${route.path}: the input has no field ${field} for the path's {${param}}`);
    parameters.push({ name: param, in: "path", required: true, schema, example: route.example?.path?.[param] });
  }
  const leftOut = [...pathFields.map(([, field]) => field), ...(input?.filledByRoute ?? [])];
  if (input?.in === "query") {
    for (const [name, schema] of Object.entries(properties)) {
      if (leftOut.includes(name)) continue;
      const { description, ...rest } = schema;
      parameters.push({
        name,
        in: "query",
        required: required.has(name),
        ...(description ? { description } : {}),
        schema: rest,
        ...(route.example?.query?.[name] !== undefined ? { example: queryValue(rest, route.example.query[name]) } : {}),
      });
    }
  }
  let requestBody: Record<string, unknown> | undefined;
  if (input?.in === "body" && json) {
    requestBody = {
      required: true,
      content: {
        "application/json": { schema: without(json, leftOut), ...(route.example?.body ? { example: route.example.body } : {}) },
      },
    };
  } else if (route.fileBody) {
    requestBody = {
      required: true,
      description: route.fileBody.description,
      content: Object.fromEntries(
        route.fileBody.contentTypes.map((type, i) => [
          type,
          { schema: { type: "string" }, ...(i === 0 && route.fileBody?.example ? { example: route.fileBody.example } : {}) },
        ]),
      ),
    };
  }

  const responses: Record<string, unknown> = {};
  const r = route.response;
  if ("data" in r) {
    const data = r.schema ? outputJsonSchema(r.schema) : { description: r.data };
    if (r.schema) data.description = r.data;
    responses["200"] = {
      description: "Done: `data` holds the result.",
      headers: { "x-request-id": { $ref: "#/components/headers/RequestId" } },
      content: { "application/json": { schema: envelope(data), example: { ok: true, data: r.example } } },
    };
  } else if ("file" in r) {
    responses["200"] = {
      description: r.file.description,
      headers: {
        "Content-Disposition": { description: "attachment; filename=…", schema: { type: "string" } },
        "x-request-id": { $ref: "#/components/headers/RequestId" },
      },
      content: Object.fromEntries(r.file.contentTypes.map((type) => [type, { schema: { type: "string" } }])),
    };
  } else {
    for (const status of r.raw.statuses ?? [200]) {
      responses[String(status)] = {
        description: r.raw.description,
        content: { "application/json": { schema: outputJsonSchema(r.raw.schema), example: r.raw.example } },
      };
    }
  }
  for (const code of errorsOf(route)) responses[String(HTTP_STATUS[code])] = { $ref: `#/components/responses/${code}` };

  const security = securityOf(route.auth);
  const who = route.auth === "public" ? "No sign-in needed." : whoMayCall(route.auth);
  return {
    operationId: route.operationId,
    tags: [route.tag],
    summary: route.summary,
    description: [route.description, who].filter(Boolean).join("\n\n"),
    ...(route.auth !== "public" ? { "x-policy-action": route.auth } : {}),
    ...(parameters.length ? { parameters } : {}),
    ...(requestBody ? { requestBody } : {}),
    responses,
    security,
  };
}

/** Whether the policy table reserves the action for a person in a session (every API token refused). */
export const peopleOnly = (action: Action): boolean => "people" in POLICY[action] && POLICY[action].people === true;

function securityOf(auth: RouteDoc["auth"]): Record<string, string[]>[] {
  if (auth === "public") return [];
  return peopleOnly(auth) ? [{ sessionCookie: [] }] : [{ sessionCookie: [] }, { bearerAuth: [auth] }];
}

function whoMayCall(action: Action): string {
  const roles = POLICY[action].roles.join(", ");
  return peopleOnly(action)
    ? `Policy action \`${action}\` (roles: ${roles}). A person signed in to the console only: every API token is refused.`
    : `Policy action \`${action}\` (roles: ${roles}). A session, or an API token whose scopes include \`${action}\` and whose owner holds one of these roles now.`;
}

export type DocumentInfo = { title: string; version: string; description: string };

/** The OpenAPI 3.1 document of the given routes. Throws when two entries describe the same operation. */
export function buildOpenApiDocument(routes: readonly RouteDoc[], info: DocumentInfo): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    const item = (paths[route.path] ??= {});
    const method = route.method.toLowerCase();
    if (item[method]) throw new Error(`${route.method} ${route.path} is described twice`);
    item[method] = operation(route);
  }
  const failure = outputJsonSchema(failureSchema);
  return {
    openapi: "3.1.1",
    info,
    jsonSchemaDialect: "https://spec.openapis.org/oas/3.1/dialect/base",
    servers: [{ url: "/", description: "This console (the address you are reading this from)." }],
    tags: [...new Set(routes.map((r) => r.tag))].map((name) => ({ name })),
    paths,
    components: {
      schemas: { Failure: failure },
      headers: {
        RequestId: {
          description: "The id the audit log and the server's log record for this request; quote it when asking about one.",
          schema: { type: "string" },
        },
      },
      responses: Object.fromEntries(
        (Object.keys(HTTP_STATUS) as ErrorCode[]).map((code) => [
          code,
          {
            description: `${HTTP_STATUS[code]} ${code}: ${ERROR_TEXT[code].description}`,
            content: {
              "application/json": {
                schema: ref("Failure"),
                example: {
                  ok: false,
                  code,
                  message: ERROR_TEXT[code].example,
                  ...(code === "VALIDATION" ? { fieldErrors: { id: ["id must be an identity id"] } } : {}),
                },
              },
            },
          },
        ]),
      ),
      securitySchemes: {
        sessionCookie: {
          type: "apiKey",
          in: "cookie",
          name: "next-auth.session-token",
          description:
            "A browser's session after signing in to the console (`__Secure-next-auth.session-token` over https). Writes with it must come from the console's own origin.",
        },
        bearerAuth: {
          type: "http",
          scheme: "bearer",
          bearerFormat: "nhic_…",
          description:
            "An API token (`Authorization: Bearer nhic_…`), created at /settings/tokens. Its scopes are policy actions; each operation's `x-policy-action` is the scope it needs.",
        },
      },
    },
  };
}
