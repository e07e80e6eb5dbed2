import { z } from "zod";
import type { Prisma } from "@/lib/db/generated/client";
import type { Db, Tx } from "@/lib/db/types";
import { type AuditEventInput, appendAuditEvents } from "../audit/append-audit-event";
import { type IdentityTarget, authorize } from "../authz/policy";
import { type EventDraft, defineMutation } from "../shared/define-mutation";
import { DomainError } from "../shared/errors";
import { safeText } from "../shared/safe-text";
import { identityFilterSchema, identityOrder, identityWhere, ownersMatching } from "./identity-filter";
import { tagsSchema } from "./identity-input";
import { assertEligibleOwners } from "./owner-eligibility";

export const BULK_OPS = ["assignOwner", "assignBackupOwner", "assignTeam", "addTags", "removeTags", "suspend", "decommission"] as const;
export type BulkOp = (typeof BULK_OPS)[number];

/** Explicitly chosen rows: a page of the list at most. */
export const MAX_SELECTED = 1_000;
/** "Everything matching the filter": above this, narrow the filter (each identity gets its own audit event). */
export const MAX_MATCHING = 25_000;
/** How many rows of each kind the answer shows (before -> after, or why refused); the counts cover all. */
export const SAMPLE_ROWS = 20;

const userRef = (field: string) => z.preprocess((v) => (v === "" ? null : v), z.uuid(`${field} must be a user`).nullable().optional());

export const bulkChangeSchema = z
  .object({
    /** The rows the person ticked, or … */
    ids: z
      .array(z.uuid("ids must be identity ids"), { error: "ids must be a list of identity ids" })
      .max(MAX_SELECTED, `at most ${MAX_SELECTED} ids`)
      .optional(),
    /** … every identity matching the registry's filter (the list's own filters, as in its URL). */
    filter: identityFilterSchema.optional(),
    op: z.enum(BULK_OPS, { error: `op must be one of ${BULK_OPS.join(", ")}` }),
    ownerId: userRef("ownerId"),
    /** For assignBackupOwner: empty clears the backup owner. */
    backupOwnerId: userRef("backupOwnerId"),
    /** For assignTeam: empty clears the team. */
    team: z.preprocess(
      (v) => (v === "" ? null : v),
      safeText("team").trim().min(1, "team is required").max(100, "team must be at most 100 characters").nullable().optional(),
    ),
    tags: tagsSchema.optional(),
    reason: z.preprocess(
      (v) => (v === "" ? undefined : v),
      safeText("reason")
        .trim()
        .min(3, "reason: say why (at least 3 characters)")
        .max(500, "reason must be at most 500 characters")
        .optional(),
    ),
    dryRun: z.boolean({ error: "dryRun must be true or false" }).default(false),
  })
  .superRefine((v, ctx) => {
    const issue = (path: string, message: string) => ctx.addIssue({ code: "custom", path: [path], message });
    if ((v.ids === undefined) === (v.filter === undefined)) issue("ids", "choose the identities: either ids or filter, not both");
    else if (v.ids?.length === 0) issue("ids", "select at least one identity");
    if (v.op === "assignOwner" && !v.ownerId) issue("ownerId", "ownerId is required: choose the new owner");
    if (v.op === "assignBackupOwner" && v.backupOwnerId === undefined)
      issue("backupOwnerId", "backupOwnerId is required (empty clears it)");
    if ((v.op === "addTags" || v.op === "removeTags") && !v.tags?.length) issue("tags", "tags: give at least one tag");
    if ((v.op === "suspend" || v.op === "decommission") && !v.reason)
      issue("reason", "reason is required: say why (at least 3 characters)");
  });

export type BulkChangeInput = z.output<typeof bulkChangeSchema>;

/** One identity as the answer shows it: what changes (before -> after), or why it was refused or skipped. */
export type BulkRow = { id: string; name: string; before: string; after: string };
export type BulkRefusal = { id: string; name: string; reason: string };

export type BulkChangeResult = {
  dryRun: boolean;
  op: BulkOp;
  /** Identities in the set (selected, or matching the filter). */
  matched: number;
  /** Changed (or, in a preview, would change). */
  changed: number;
  /** Already as asked: nothing to do. */
  unchanged: number;
  /** The change does not apply to them (the owner cannot be their own backup). */
  skipped: number;
  /** Not the actor's to change: refused by the policy, and recorded as refused. */
  refused: number;
  changes: BulkRow[];
  skips: BulkRefusal[];
  refusals: BulkRefusal[];
};

type Row = {
  id: string;
  name: string;
  ownerId: string | null;
  backupOwnerId: string | null;
  team: string | null;
  tags: string[];
  status: string;
  version: number;
  pinnedFields: string[];
};

/** The policy action each operation amounts to, per identity: handing on is the owner's; the rest owner's or backup's. */
const ACTION_OF: Record<BulkOp, "identity.transfer" | "identity.update" | "identity.setStatus"> = {
  assignOwner: "identity.transfer",
  assignBackupOwner: "identity.transfer",
  assignTeam: "identity.update",
  addTags: "identity.update",
  removeTags: "identity.update",
  suspend: "identity.setStatus",
  decommission: "identity.setStatus",
};

/** The columns an operation writes (and so the one UPDATE sets). */
const COLUMNS_OF: Record<BulkOp, (keyof Row)[]> = {
  assignOwner: ["ownerId", "backupOwnerId", "pinnedFields"],
  assignBackupOwner: ["backupOwnerId", "pinnedFields"],
  assignTeam: ["team", "pinnedFields"],
  addTags: ["tags"],
  removeTags: ["tags"],
  suspend: ["status", "pinnedFields"],
  decommission: ["status", "pinnedFields"],
};
const COLUMN_TYPES: Partial<Record<keyof Row, string>> = {
  ownerId: "uuid",
  backupOwnerId: "uuid",
  team: "text",
  tags: "text[]",
  status: "text",
  pinnedFields: "text[]",
};

/** The row after the operation, or a reason it does not apply. */
function apply(op: BulkOp, input: BulkChangeInput, row: Row): Row | { skip: string } {
  const pin = (field: string) => [...new Set([...row.pinnedFields, field])].sort();
  switch (op) {
    case "assignOwner":
      // Nobody backs up their own identity: a new owner who was the backup stops being it.
      return {
        ...row,
        ownerId: input.ownerId!,
        backupOwnerId: row.backupOwnerId === input.ownerId ? null : row.backupOwnerId,
        pinnedFields: pin("ownerId"),
      };
    case "assignBackupOwner":
      if (input.backupOwnerId && input.backupOwnerId === row.ownerId)
        return { skip: "that person owns it, and nobody backs up their own identity" };
      return { ...row, backupOwnerId: input.backupOwnerId ?? null, pinnedFields: pin("backupOwnerId") };
    case "assignTeam":
      return { ...row, team: input.team ?? null, pinnedFields: pin("team") };
    case "addTags":
      return { ...row, tags: [...new Set([...row.tags, ...input.tags!])].sort() };
    case "removeTags":
      return { ...row, tags: row.tags.filter((t) => !input.tags!.includes(t)) };
    case "suspend":
      return { ...row, status: "suspended", pinnedFields: pin("status") };
    case "decommission":
      return { ...row, status: "decommissioned", pinnedFields: pin("status") };
  }
}

/** The fields an operation's audit event and preview show (pinnedFields is bookkeeping, not shown). */
const SHOWN_OF: Record<BulkOp, (keyof Row)[]> = {
  assignOwner: ["ownerId", "backupOwnerId"],
  assignBackupOwner: ["backupOwnerId"],
  assignTeam: ["team"],
  addTags: ["tags"],
  removeTags: ["tags"],
  suspend: ["status"],
  decommission: ["status"],
};

const pick = (row: Row, keys: (keyof Row)[]) => Object.fromEntries(keys.map((k) => [k, row[k]]));

/**
 * Changes many identities at once: the rows a person selected, or every identity matching the registry's
 * filter. A preview (dryRun) is the same run without the writes: the same counts and the same first rows.
 * Each identity is judged by the policy on its own ownership, by the action the change amounts to (a member
 * may change only what they own or back up, and hand on only what they own): the rest is refused, reported
 * and recorded as refused. The writes are one set-based UPDATE whatever the number of identities, and each
 * changed identity gets its own audit event, in the same transaction.
 */
export const bulkChangeIdentities = defineMutation({
  action: "identity.bulkChange",
  input: bulkChangeSchema,
  // Two bulk changes queue; a concurrent single edit is caught by the version check of the UPDATE.
  lockKey: () => "identities:bulk",
  load: async () => ({ type: "registry" as const }),
  async change({ tx, actor, clock, input }) {
    if (input.op === "assignOwner") await assertEligibleOwners(tx, { ownerId: input.ownerId });
    if (input.op === "assignBackupOwner") await assertEligibleOwners(tx, { backupOwnerId: input.backupOwnerId });
    const rows = await loadSet(tx, input, clock.now());
    const result: BulkChangeResult = {
      dryRun: input.dryRun,
      op: input.op,
      matched: rows.length,
      changed: 0,
      unchanged: 0,
      skipped: 0,
      refused: 0,
      changes: [],
      skips: [],
      refusals: [],
    };
    const action = ACTION_OF[input.op];
    const shown = SHOWN_OF[input.op];
    const changed: { row: Row; next: Row }[] = [];
    const refused: { row: Row; reason: string }[] = [];
    for (const row of rows) {
      const target: IdentityTarget = {
        type: "identity",
        id: row.id,
        label: row.name,
        ownerId: row.ownerId,
        backupOwnerId: row.backupOwnerId,
      };
      const decision = authorize(actor, action, target);
      if (!decision.allowed) {
        refused.push({ row, reason: decision.reason });
        continue;
      }
      const next = apply(input.op, input, row);
      if ("skip" in next) {
        result.skipped += 1;
        if (result.skips.length < SAMPLE_ROWS) result.skips.push({ id: row.id, name: row.name, reason: next.skip });
      } else if (JSON.stringify(pick(row, shown)) === JSON.stringify(pick(next, shown))) result.unchanged += 1;
      else changed.push({ row, next });
    }
    result.changed = changed.length;
    result.refused = refused.length;
    result.refusals = refused.slice(0, SAMPLE_ROWS).map(({ row, reason }) => ({ id: row.id, name: row.name, reason }));
    const names = await peopleNames(tx, input.op, changed.slice(0, SAMPLE_ROWS));
    result.changes = changed.slice(0, SAMPLE_ROWS).map(({ row, next }) => ({
      id: row.id,
      name: row.name,
      before: describe(input.op, row, names),
      after: describe(input.op, next, names),
    }));
    if (input.dryRun) return { result, events: [] };

    await writeSet(tx, input.op, changed, clock.now());
    // The refusals are recorded with the change they were part of (each under its identity).
    await appendAuditEvents(
      tx,
      refused.map(({ row, reason }): AuditEventInput => ({
        actor,
        action,
        target: { type: "identity", id: row.id, label: row.name },
        outcome: "denied",
        reason: `bulk ${input.op}: ${reason}`,
      })),
      clock,
    );
    const reason = input.reason ?? `bulk ${input.op} (${changed.length} identities)`;
    const events = changed.map(({ row, next }): EventDraft => ({
      action,
      target: { type: "identity", id: row.id, label: row.name },
      reason,
      before: pick(row, shown),
      after: pick(next, shown),
    }));
    return { result, events };
  },
});

async function loadSet(tx: Tx, input: BulkChangeInput, now: Date): Promise<Row[]> {
  let where: Prisma.IdentityWhereInput;
  let orderBy: Prisma.IdentityOrderByWithRelationInput[] = [{ name: "asc" }, { id: "asc" }];
  if (input.ids) where = { id: { in: [...new Set(input.ids)] } };
  else {
    const filter = input.filter!;
    // ownersMatching reads only the user table, which the transaction's client reads the same way.
    where = identityWhere(filter, now, await ownersMatching(tx as unknown as Db, filter.q));
    orderBy = identityOrder(filter);
    const count = await tx.identity.count({ where });
    if (count > MAX_MATCHING)
      throw new DomainError(
        "VALIDATION",
        `The filter matches ${count} identities; a bulk change takes at most ${MAX_MATCHING}. Narrow the filter and try again.`,
        { filter: [`matches ${count} identities (at most ${MAX_MATCHING})`] },
      );
  }
  return tx.identity.findMany({
    where,
    orderBy,
    select: {
      id: true,
      name: true,
      ownerId: true,
      backupOwnerId: true,
      team: true,
      tags: true,
      status: true,
      version: true,
      pinnedFields: true,
    },
  });
}

/**
 * One statement for the whole set: the new values travel as one JSON parameter (see insert-rows.ts). The
 * version each row was read at must still be there: an edit that slipped in is never silently overwritten.
 */
async function writeSet(tx: Tx, op: BulkOp, changed: { row: Row; next: Row }[], now: Date): Promise<void> {
  if (changed.length === 0) return;
  const columns = COLUMNS_OF[op];
  const sets = columns.map((c) => `"${c}" = r."${c}"`).join(", ");
  const spec = columns.map((c) => `"${c}" ${COLUMN_TYPES[c]}`).join(", ");
  const sql = `UPDATE "Identity" AS i SET ${sets}, version = i.version + 1, "updatedAt" = $2
    FROM jsonb_to_recordset($1::jsonb) AS r(id uuid, version integer, ${spec})
    WHERE i.id = r.id AND i.version = r.version`;
  const rows = changed.map(({ row, next }) => ({ id: row.id, version: row.version, ...pick(next, columns) }));
  const count = await tx.$executeRawUnsafe(sql, JSON.stringify(rows), now);
  if (count !== changed.length)
    throw new DomainError(
      "CONFLICT",
      "Some of these identities were changed by someone else meanwhile. Nothing was changed: preview again.",
    );
}

/** Names of the people a preview mentions (the first rows' owners before and after), in one query. */
async function peopleNames(tx: Tx, op: BulkOp, rows: { row: Row; next: Row }[]): Promise<Map<string, string>> {
  if (op !== "assignOwner" && op !== "assignBackupOwner") return new Map();
  const ids = new Set<string>();
  for (const { row, next } of rows)
    for (const id of [row.ownerId, row.backupOwnerId, next.ownerId, next.backupOwnerId]) if (id) ids.add(id);
  const users = await tx.user.findMany({ where: { id: { in: [...ids] } }, select: { id: true, name: true } });
  return new Map(users.map((u) => [u.id, u.name]));
}

function describe(op: BulkOp, row: Row, names: Map<string, string>): string {
  const person = (id: string | null, none: string) => (id ? (names.get(id) ?? "someone") : none);
  switch (op) {
    case "assignOwner":
      return `owner ${person(row.ownerId, "none")}, backup ${person(row.backupOwnerId, "none")}`;
    case "assignBackupOwner":
      return person(row.backupOwnerId, "no backup owner");
    case "assignTeam":
      return row.team ?? "no team";
    case "addTags":
    case "removeTags":
      return row.tags.length ? row.tags.join(", ") : "no tags";
    case "suspend":
    case "decommission":
      return row.status;
  }
}
