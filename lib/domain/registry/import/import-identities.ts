import { randomUUID } from "node:crypto";
import { z } from "zod";
import { insertRows } from "@/lib/db/insert-rows";
import type { Tx } from "@/lib/db/types";
import { type AuditEventInput, appendAuditEvents } from "../../audit/append-audit-event";
import type { Actor } from "../../authz/actor";
import { enforce } from "../../authz/enforce";
import { DomainError } from "../../shared/errors";
import type { UseCaseArgs } from "../../shared/use-case";
import { validate } from "../../shared/validate";
import { ENVIRONMENTS } from "../vocabulary";
import { FORMAT_NAMES, IMPORT_FORMATS } from "./formats";
import { FormatError } from "./import-row";
import { type ImportPlan, type PlanItem, type PlannedWrite, planImport } from "./plan-import";

const schema = z.object({
  format: z.enum(FORMAT_NAMES, { error: `format must be one of ${FORMAT_NAMES.join(", ")}` }),
  content: z.string({ error: "content is required: the file's text" }).min(1, "the file is empty"),
  dryRun: z.boolean().default(true),
  environment: z.enum(ENVIRONMENTS, { error: `environment must be one of ${ENVIRONMENTS.join(", ")}` }).default("production"),
  cluster: z.string().trim().max(100).optional(),
  org: z.string().trim().max(100).optional(),
});

export type ImportResult = { dryRun: boolean; committed: boolean; counts: ImportPlan["counts"]; items: PlanItem[]; skipped: ImportPlan["skipped"] };

const SHOWN_ITEMS = 1_000;

const IDENTITY_COLUMNS = {
  id: "uuid", name: "text", kind: "text", platform: "text", externalId: "text", environment: "text", purpose: "text", ownerId: "uuid",
  backupOwnerId: "uuid", team: "text", status: "text", vendor: "text", tags: "text[]", credentialType: "text", credentialIssuedAt: "timestamptz",
  credentialRotatedAt: "timestamptz", credentialExpiresAt: "timestamptz", lastUsedAt: "timestamptz", version: "integer", createdAt: "timestamptz",
  updatedAt: "timestamptz",
};
const ENTITLEMENT_COLUMNS = { id: "uuid", identityId: "uuid", resource: "text", action: "text", level: "text", environment: "text", createdAt: "timestamptz" };

/**
 * Imports identities from a file in one of the supported formats. A dry run reports, row by row, what
 * would be created, updated, left unchanged or rejected (with field and reason) and writes nothing. A
 * commit is all-or-nothing: refused while any row is rejected, otherwise applied in one transaction.
 * Identities are matched on (platform, external id), so importing the same file twice changes nothing.
 */
export async function importIdentities({ actor, db, clock, input }: UseCaseArgs): Promise<ImportResult> {
  await enforce(db, clock, actor, "registry.import", { type: "registry" });
  const { format, content, dryRun, ...options } = validate(schema, input);
  let parsed;
  try {
    parsed = IMPORT_FORMATS[format].parse(content, options);
  } catch (error) {
    if (error instanceof FormatError) throw new DomainError("VALIDATION", error.message, { content: [error.message] });
    throw error;
  }
  const plan = await planImport(db, parsed);
  const result = (committed: boolean): ImportResult => ({
    dryRun,
    committed,
    counts: plan.counts,
    // Rejections first: they are what a person must act on.
    items: [...plan.items.filter((i) => i.action === "reject"), ...plan.items.filter((i) => i.action !== "reject")].slice(0, SHOWN_ITEMS),
    skipped: plan.skipped,
  });
  if (dryRun) return result(false);
  if (plan.counts.reject > 0) {
    const first = plan.items.find((i) => i.action === "reject")!;
    throw new DomainError(
      "VALIDATION",
      `Nothing was imported: ${plan.counts.reject} row(s) are rejected, e.g. row ${first.row}: ${first.errors?.map((e) => `${e.field}: ${e.reason}`).join("; ")}. Fix the file and run the dry run again.`,
    );
  }
  await db.$transaction((tx) => applyPlan(tx, actor, plan, format, clock), { timeout: 15 * 60_000, maxWait: 60_000 });
  return result(true);
}

async function applyPlan(tx: Tx, actor: Actor, plan: ImportPlan, format: string, clock: UseCaseArgs["clock"]) {
  const events: AuditEventInput[] = [];
  const creates = plan.writes.filter((w) => !w.existing).map((w) => ({ ...w, id: randomUUID() }));
  const at = clock.now();
  await insertRows(tx, "Identity", IDENTITY_COLUMNS, creates.map((w) => ({ status: "active", ...w.data, id: w.id, createdAt: at, updatedAt: at, version: 1 })));
  await insertRows(
    tx,
    "Entitlement",
    ENTITLEMENT_COLUMNS,
    creates.flatMap((w) => (w.scopes ?? []).map((s) => ({ ...s, environment: s.environment ?? null, id: randomUUID(), identityId: w.id, createdAt: at }))),
  );
  for (const w of creates) events.push(event(actor, w.id, w, format, null, w.data));

  for (const w of plan.writes.filter((x): x is PlannedWrite & { existing: NonNullable<PlannedWrite["existing"]> } => !!x.existing)) {
    const changed = Object.fromEntries((w.item.changes ?? []).filter((f) => f !== "scopes").map((f) => [f, w.data[f as keyof typeof w.data]]));
    await tx.identity.update({ where: { id: w.existing.id }, data: { ...changed, version: { increment: 1 } } });
    if (w.item.changes?.includes("scopes")) {
      await tx.entitlement.deleteMany({ where: { identityId: w.existing.id } });
      await tx.entitlement.createMany({ data: (w.scopes ?? []).map((s) => ({ ...s, environment: s.environment ?? null, identityId: w.existing.id })) });
    }
    const before = Object.fromEntries((w.item.changes ?? []).map((f) => [f, f === "scopes" ? w.existing.scopeKeys : w.existing[f as keyof typeof w.existing]]));
    events.push(event(actor, w.existing.id, w, format, before, { ...changed, ...(w.item.changes?.includes("scopes") ? { scopes: w.scopes } : {}) }));
  }
  events.push({ actor, action: "registry.import", target: { type: "registry", label: format }, outcome: "allowed", after: { format, ...plan.counts } });
  await appendAuditEvents(tx, events, clock);
}

function event(actor: Actor, id: string, w: PlannedWrite, format: string, before: object | null, after: object): AuditEventInput {
  return {
    actor,
    action: w.existing ? "identity.update" : "identity.create",
    target: { type: "identity", id, label: w.data.name },
    outcome: "allowed",
    reason: `import (${format}, row ${w.item.row})`,
    before: before && JSON.parse(JSON.stringify(before)),
    after: JSON.parse(JSON.stringify({ ...after, ...(w.scopes && !w.existing ? { scopes: w.scopes } : {}) })),
  };
}
