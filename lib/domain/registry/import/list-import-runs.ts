import { z } from "zod";
import { enforce } from "../../authz/enforce";
import { lastPage } from "../../shared/pages";
import type { UseCaseArgs } from "../../shared/use-case";
import { validate } from "../../shared/validate";
import { IMPORT_FORMATS } from "./formats";

export const listImportRunsSchema = z.object({
  page: z.coerce
    .number({ error: "page must be a number" })
    .int("page must be a whole number")
    .min(1, "page must be 1 or more")
    .max(10_000, "page must be at most 10000")
    .default(1),
  pageSize: z.coerce.number({ error: "pageSize must be a number" }).int().min(1).max(200, "pageSize must be at most 200").default(50),
});

export type ImportRunDto = {
  id: string;
  at: string;
  /** Who ran it, as recorded then (a deleted user's runs still say who). */
  actorLabel: string;
  format: string;
  /** The format as people know it ("AWS IAM credential report (CSV)"). */
  formatLabel: string;
  source: string | null;
  fullExport: boolean;
  fileSha256: string;
  fileBytes: number;
  /** created, updated, unchanged, skipped, gone, … (what the run counted). */
  counts: Record<string, number>;
  /** Identities that still point back to it (a later import of the same identity takes them over). */
  identitiesNow: number;
};

export type ImportRunPage = { runs: ImportRunDto[]; total: number; page: number; pageSize: number };

const numbers = (value: unknown): Record<string, number> =>
  value && typeof value === "object" && !Array.isArray(value)
    ? Object.fromEntries(Object.entries(value).filter((e): e is [string, number] => typeof e[1] === "number"))
    : {};

const labelOf = (format: string) => (format in IMPORT_FORMATS ? IMPORT_FORMATS[format as keyof typeof IMPORT_FORMATS].label : format);

/** The registry's import history, newest first, a page at a time (a page past the end shows the last one). */
export async function listImportRuns({ actor, db, clock, input }: UseCaseArgs): Promise<ImportRunPage> {
  await enforce(db, clock, actor, "registry.read", { type: "registry" });
  const { page: asked, pageSize } = await validate(listImportRunsSchema, input ?? {});
  const total = await db.importRun.count();
  const page = Math.min(asked, lastPage(total, pageSize));
  const rows = await db.importRun.findMany({
    orderBy: [{ at: "desc" }, { id: "desc" }],
    skip: (page - 1) * pageSize,
    take: pageSize,
    include: { _count: { select: { identities: true } } },
  });
  return {
    runs: rows.map((r) => ({
      id: r.id,
      at: r.at.toISOString(),
      actorLabel: r.actorLabel,
      format: r.format,
      formatLabel: labelOf(r.format),
      source: r.source,
      fullExport: r.fullExport,
      fileSha256: r.fileSha256,
      fileBytes: Number(r.fileBytes),
      counts: numbers(r.counts),
      identitiesNow: r._count.identities,
    })),
    total,
    page,
    pageSize,
  };
}
