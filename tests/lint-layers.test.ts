import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";

// The layering of docs/architecture.md is enforced by lint; this pins each forbidden import, so a config
// change that silently drops a rule fails here.

const eslint = new ESLint({ cwd: process.cwd() });

async function problems(path: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path });
  return result!.messages.map((m) => `${m.ruleId}: ${m.message}`);
}

describe("layer rules", () => {
  it.each([
    ["app/(console)/x/page.tsx", 'import { getDb } from "@/lib/server/database";\nexport const x = getDb;\n', /lib\/server/],
    ["components/x/y.tsx", 'import { PrismaClient } from "@prisma/client";\nexport const x = PrismaClient;\n', /lib\/domain/],
    ["components/x/y.tsx", 'import { openDatabase } from "@/lib/db/open-database";\nexport const x = openDatabase;\n', /lib\/domain/],
    [
      "components/x/y.tsx",
      '"use client";\nimport { createIdentity } from "@/lib/domain/registry/create-identity";\nexport const x = createIdentity;\n',
      /client component/,
    ],
    [
      "components/x/y.tsx",
      '"use client";\nimport { runAsActor } from "@/lib/auth/run-as-actor";\nexport const x = runAsActor;\n',
      /client component/,
    ],
    ["lib/domain/x/y.ts", 'import { requireActor } from "@/lib/auth/actor";\nexport const x = requireActor;\n', /never reads the session/],
    ["lib/domain/x/y.ts", 'import { getDb } from "../../server/database";\nexport const x = getDb;\n', /server's wiring/],
    ["lib/domain/x/y.ts", 'import { getConfig } from "@/lib/config/env";\nexport const x = getConfig;\n', /server's wiring/],
    ["lib/domain/x/y.ts", 'import { redirect } from "next/navigation";\nexport const x = redirect;\n', /framework-free/],
  ])("refuses in %s: %s", async (path, code, message) => {
    expect((await problems(path, code)).join("\n")).toMatch(message);
  });

  it.each([
    ["app/api/health/route.ts", 'import { currentHealth } from "@/lib/server/health";\nexport const x = currentHealth;\n'],
    [
      "components/x/y.tsx",
      '"use client";\nimport { ROLES } from "@/lib/domain/authz/roles";\nimport type { UseCase } from "@/lib/domain/shared/use-case";\nexport const x: UseCase<1, 1> | readonly string[] = ROLES;\n',
    ],
    ["app/(console)/x/actions.ts", '"use server";\nimport { runAsActor } from "@/lib/auth/run-as-actor";\nexport const x = runAsActor;\n'],
  ])("allows in %s: %s", async (path, code) => {
    expect(await problems(path, code)).toEqual([]);
  });
});
