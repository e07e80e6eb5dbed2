import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: { alias: { "@": import.meta.dirname, "server-only": `${import.meta.dirname}/tests/helpers/server-only.ts` } },
  test: {
    // tests/postgres holds what only PostgreSQL can show (several connections, triggers under load).
    include: ["tests/*.test.ts", ...(process.env.TEST_DATABASE_URL ? ["tests/postgres/*.test.ts"] : [])],
    // Each file opens its own database (PGlite, or a fresh PostgreSQL database); two workers fit 2 cores.
    pool: "forks",
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
