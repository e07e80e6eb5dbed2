import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPGlite } from "pglite-prisma-adapter";
import type { SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import { defineConfig } from "prisma/config";

// Prisma 6.19's CLI would otherwise download a native schema engine, which cannot work offline or in
// air-gapped networks. With engine "js" it uses the WASM schema engine through this adapter. The CLI is
// only used to generate the client and to diff schemas into migrations; the app applies migrations itself
// (lib/db/migrate.ts). An in-memory PGlite is enough for that, and closing it lets the CLI exit.
process.env.DATABASE_URL ??= "postgresql://localhost:5432/unused";

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: path.join("prisma", "schema.prisma"),
  async adapter() {
    const pglite = new PGlite();
    // Typed against an older @prisma/driver-adapter-utils; the runtime interface is the same.
    const factory = new PrismaPGlite(pglite) as unknown as SqlMigrationAwareDriverAdapterFactory;
    return {
      provider: factory.provider,
      adapterName: factory.adapterName,
      async connect() {
        const adapter = await factory.connect();
        return Object.assign(adapter, {
          async dispose() {
            await pglite.close();
          },
        });
      },
      connectToShadowDb: () => factory.connectToShadowDb(),
    };
  },
});
