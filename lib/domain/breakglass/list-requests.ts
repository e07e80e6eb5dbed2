import { z } from "zod";
import type { Prisma } from "@/lib/db/generated/client";
import { actingPerson } from "../authz/actor";
import { enforce, refuse } from "../authz/enforce";
import type { UseCase } from "../shared/use-case";
import { validate } from "../shared/validate";
import { REQUEST_STATUSES } from "./elevation-state";
import { type BreakGlassRequestDto, toRequestDto } from "./request-dto";

export const LIST_VIEWS = ["mine", "queue", "all"] as const;

export const listRequestsSchema = z.object({
  /** mine: what I asked for; queue: pending requests someone else asked for (approvers); all: admins and auditors. */
  view: z.enum(LIST_VIEWS, { error: `view must be one of ${LIST_VIEWS.join(", ")}` }).default("mine"),
  status: z.preprocess(
    (v) => (v === "" ? undefined : v),
    z.enum(REQUEST_STATUSES, { error: `status must be one of ${REQUEST_STATUSES.join(", ")}` }).optional(),
  ),
  identityId: z.preprocess((v) => (v === "" ? undefined : v), z.uuid("identityId must be an identity id").optional()),
  page: z.coerce
    .number({ error: "page must be a number" })
    .int("page must be a whole number")
    .min(1, "page must be at least 1")
    .max(100_000, "page is too large")
    .default(1),
  pageSize: z.coerce
    .number({ error: "pageSize must be a number" })
    .int("pageSize must be a whole number")
    .min(1, "pageSize must be at least 1")
    .max(200, "pageSize must be at most 200")
    .default(50),
});

export type RequestPage = { items: BreakGlassRequestDto[]; total: number; page: number; pageSize: number };

/** The status as of now, as a condition: a pending request past pendingUntil is expired, an approved one past expiresAt ended. */
function statusWhere(status: (typeof REQUEST_STATUSES)[number], now: Date): Prisma.BreakGlassRequestWhereInput {
  if (status === "pending") return { status: "pending", pendingUntil: { gt: now } };
  if (status === "expired") return { OR: [{ status: "expired" }, { status: "pending", pendingUntil: { lte: now } }] };
  if (status === "approved") return { status: "approved", expiresAt: { gt: now } };
  if (status === "ended") return { OR: [{ status: "ended" }, { status: "approved", expiresAt: { lte: now } }] };
  return { status };
}

/** Break-glass requests, newest first, paged: mine, the approver queue, or all of them (admins and auditors). */
export const listRequests: UseCase<z.input<typeof listRequestsSchema>, RequestPage> = async ({ actor, db, clock, input: raw }) => {
  await enforce(db, clock, actor, "breakglass.read");
  const input = await validate(listRequestsSchema, raw);
  const now = clock.now();
  const person = actingPerson(actor);
  const me = person?.userId ?? "00000000-0000-0000-0000-000000000000";
  const roles = person?.roles ?? [];
  const where: Prisma.BreakGlassRequestWhereInput[] = [];
  if (input.view === "mine") where.push({ requesterId: me });
  if (input.view === "queue") {
    if (!roles.includes("admin") && !roles.includes("approver"))
      await refuse(
        db,
        clock,
        actor,
        "breakglass.read",
        { type: "console" },
        { allowed: false, reason: "only approvers and admins have an approval queue" },
      );
    where.push({ status: "pending", pendingUntil: { gt: now }, requesterId: { not: me } });
  }
  if (input.view === "all" && !roles.includes("admin") && !roles.includes("auditor"))
    await refuse(
      db,
      clock,
      actor,
      "breakglass.read",
      { type: "console" },
      { allowed: false, reason: "only admins and auditors read every request" },
    );
  if (input.status) where.push(statusWhere(input.status, now));
  if (input.identityId) where.push({ identityId: input.identityId });
  const filter = { AND: where };
  const [total, rows] = await Promise.all([
    db.breakGlassRequest.count({ where: filter }),
    db.breakGlassRequest.findMany({
      where: filter,
      orderBy: [{ requestedAt: "desc" }, { id: "desc" }],
      skip: (input.page - 1) * input.pageSize,
      take: input.pageSize,
      include: { approvals: { orderBy: { at: "asc" } } },
    }),
  ]);
  const identities = await db.identity.findMany({
    where: { id: { in: [...new Set(rows.map((r) => r.identityId))] } },
    select: { id: true, name: true },
  });
  const byId = new Map(identities.map((i) => [i.id, i]));
  return {
    items: rows.map((r) => toRequestDto(r, byId.get(r.identityId) ?? { id: r.identityId, name: "(removed)" }, now)),
    total,
    page: input.page,
    pageSize: input.pageSize,
  };
};
