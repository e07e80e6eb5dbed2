import tseslint from "typescript-eslint";

// The layering of docs/architecture.md, enforced. Each layer may only reach down:
//   app/, components/  ->  lib/auth (actor, runAsActor, apiRoute)  ->  lib/domain  ->  lib/db
// A rule that cannot be broken silently is worth more than a paragraph asking people not to.

const DATABASE = ["@prisma/*", "**/lib/db", "**/lib/db/*", "@/lib/db", "@/lib/db/*"];
/** A layer's folder by alias, by path, and by the relative paths lib/domain/<area>/ would use. */
const layer = (name) => [
  `**/lib/${name}`,
  `**/lib/${name}/*`,
  `@/lib/${name}`,
  `@/lib/${name}/*`,
  `../../${name}`,
  `../../${name}/*`,
  `../../../${name}/*`,
];
const SERVER = layer("server");

/** app/ and components/ reach the database only through lib/domain, and the server's wiring only through lib/auth. */
const uiLayer = {
  "no-restricted-imports": [
    "error",
    {
      patterns: [
        { group: DATABASE, message: "Go through lib/domain (docs/architecture.md: layers)." },
        { group: SERVER, message: "Use lib/auth (runAsActor, apiRoute, requireActor); lib/server is the server's own wiring." },
      ],
    },
  ],
};

/** lib/domain is the product, framework-free: no Next.js, next-auth or React, and no knowledge of sessions or settings. */
const domainLayer = {
  "no-restricted-imports": [
    "error",
    {
      patterns: [
        {
          group: ["next", "next/*", "next-auth", "next-auth/*", "react", "react-dom"],
          message: "lib/domain stays framework-free (docs/architecture.md).",
        },
        { group: layer("auth"), message: "lib/domain takes the actor as an argument; it never reads the session." },
        {
          group: [...SERVER, ...layer("config")],
          message: "lib/domain takes what it needs as arguments, not from the server's wiring or settings.",
        },
      ],
    },
  ],
};

/**
 * A client component runs in the browser: it may import types from lib/domain and the vocabularies people
 * choose from (roles, kinds, environments), never a use-case or anything that reaches the server.
 */
const clientBoundary = {
  meta: {
    type: "problem",
    messages: { serverCode: "A client component may not import {{source}}: call a server action instead (types and vocabularies only)." },
  },
  create(context) {
    const isClient = context.sourceCode.ast.body.some((node) => node.type === "ExpressionStatement" && node.directive === "use client");
    if (!isClient) return {};
    const allowed = /(^|\/)lib\/domain\/(authz\/roles|registry\/vocabulary|reviews\/vocabulary|posture\/vocabulary)$/;
    return {
      ImportDeclaration(node) {
        const source = node.source.value;
        if (node.importKind === "type" || node.specifiers.every((s) => s.importKind === "type")) return;
        if (/(^|\/)lib\/(domain|auth|server|db|config)(\/|$)/.test(source) && !allowed.test(source)) {
          context.report({ node, messageId: "serverCode", data: { source } });
        }
      },
    };
  },
};

export default tseslint.config(
  {
    ignores: [".next/**", "node_modules/**", "lib/db/generated/**", "test-results/**", "playwright-report/**", ".data/**", "next-env.d.ts"],
  },
  ...tseslint.configs.recommended,
  {
    plugins: { layers: { rules: { "client-boundary": clientBoundary } } },
    rules: {
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", destructuredArrayIgnorePattern: "^_", ignoreRestSiblings: true },
      ],
    },
  },
  { files: ["app/**", "components/**"], rules: { ...uiLayer, "layers/client-boundary": "error" } },
  // The health probe reports the server's own state (database reachable, migrations current).
  {
    files: ["app/api/health/route.ts"],
    rules: { "no-restricted-imports": ["error", { patterns: [{ group: DATABASE, message: "Go through lib/server/health." }] }] },
  },
  { files: ["lib/domain/**"], rules: domainLayer },
);
