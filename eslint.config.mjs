import tseslint from "typescript-eslint";

// The layering of DESIGN.md, enforced: app/ and components/ reach the database only through lib/domain.
const noDatabaseImports = {
  "no-restricted-imports": [
    "error",
    {
      patterns: [
        { group: ["@prisma/*", "**/lib/db", "**/lib/db/*", "@/lib/db", "@/lib/db/*"], message: "Go through lib/domain (DESIGN.md: layering)." },
      ],
    },
  ],
};

// lib/domain is framework-free: no Next.js, next-auth or React.
const frameworkFree = {
  "no-restricted-imports": [
    "error",
    { patterns: [{ group: ["next", "next/*", "next-auth", "next-auth/*", "react", "react-dom"], message: "lib/domain stays framework-free (DESIGN.md)." }] },
  ],
};

export default tseslint.config(
  { ignores: [".next/**", "node_modules/**", "lib/db/generated/**", "test-results/**", "playwright-report/**", ".data/**", "next-env.d.ts"] },
  ...tseslint.configs.recommended,
  {
    rules: {
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", destructuredArrayIgnorePattern: "^_", ignoreRestSiblings: true }],
    },
  },
  { files: ["app/**", "components/**"], rules: noDatabaseImports },
  { files: ["lib/domain/**"], rules: frameworkFree },
);
