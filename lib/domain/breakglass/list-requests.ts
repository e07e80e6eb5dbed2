import { z } from "zod";
import { Prisma } from "@/lib/db/generated/client";
import { actingPerson } from "../authz/actor";
import { enforce, refuse } from "../authz/enforce";
import type { UseCase } from "../shared/use-case";
import { validate } from "../shared/validate";
import { REQUEST_STATUSES } from "./elevation-state";
import { readsAllRequests } from "./readers";
import { type BreakGlassRequestDto, toRequestDto } from "./request-dto";

export const LIST_VIEWS = ["mine", "queue", "active", "all"] as const;
export const LIST_VIEW_LABELS: Record<(typeof LIST_VIEWS)[number], string> = {
  mine: "My requests",
  queue: "Waiting for approval",
  active: "Active now",
  all: "History",
};

const blank = (v: unknown) => (v === "" ? undefined : v);

export const listRequestsSchema = z.object({
  /** mine: what I asked for; queue: pending requests someone else asked for; active: live now; all: the history. */
  view: z.enum(LIST_VIEWS, { error: `view must be one of ${LIST_VIEWS.join(", ")}` }).default("mine"),
  status: z.preprocess(
    (v) => (v === "" ? undefined : v),
    z.enum(REQUEST_STATUSES, { error: `status must be one of ${REQUEST_STATUSES.join(", ")}` }).optional(),
  ),
  identityId: z.preprocess(blank, z.uuid("identityId must be an identity id").optional()),
  /** The policy's environment class the request fell under. */
  environment: z.preprocess(
    blank,
    z.enum(["production", "non_production"], { error: "environment must be production or non_production" }).optional(),
  ),
  emergency: z.preprocess(blank, z.enum(["true", "false"], { error: "emergency must be true or false" }).optional()),
  /** open: its after-action review is not filed yet; filed: it is. */
  afterAction: z.preprocess(blank, z.enum(["open", "filed"], { error: "afterAction must be open or filed" }).optional()),
  /** Requested on or after / before this day (YYYY-MM-DD, UTC). */
  from: z.preprocess(blank, z.iso.date("from must be a date (YYYY-MM-DD)").optional()),
  to: z.preprocess(blank, z.iso.date("to must be a date (YYYY-MM-DD)").optional()),
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

export type RequestListItem = BreakGlassRequestDto & { requesterName: string; identityEnvironment: string };
/** `asOf`: the server's clock when it was read (countdowns start from it). */
export type RequestPage = { items: RequestListItem[]; total: number; page: number; pageSize: number; asOf: string };

/** The status as of now, as a condition: a pending request past pendingUntil is expired, an approved one past expiresAt ended. */
function statusWhere(status: (typeof REQUEST_STATUSES)[number], now: Date): Prisma.BreakGlassRequestWhereInput {
  if (status === "pending") return { status: "pending", pendingUntil: { gt: now } };
  if (status === "expired") return { OR: [{ status: "expired" }, { status: "pending", pendingUntil: { lte: now } }] };
  if (status === "approved") return { status: "approved", expiresAt: { gt: now } };
  if (status === "ended") return { OR: [{ status: "ended" }, { status: "approved", expiresAt: { lte: now } }] };
  return { status };
}

/** Break-glass requests, newest first (the queue oldest first), paged: mine, the approver queue, active now, or all. */
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
    // What still waits for this approver: not theirs, and not already decided by them.
    where.push({ status: "pending", pendingUntil: { gt: now }, requesterId: { not: me }, approvals: { none: { approverId: me } } });
    // Requests whose policy names an approver team wait only for that team's approvers (admins decide all).
    if (!roles.includes("admin"))
      where.push({
        OR: [
          { policy: { path: ["approverTeam"], equals: Prisma.AnyNull } },
          ...(person?.team ? [{ policy: { path: ["approverTeam"], equals: person.team } }] : []),
        ],
      });
  }
  if ((input.view === "all" || input.view === "active") && !readsAllRequests(actor))
    await refuse(
      db,
      clock,
      actor,
      "breakglass.read",
      { type: "console" },
      { allowed: false, reason: "only approvers, admins and auditors read every request" },
    );
  if (input.view === "active") where.push({ status: "approved", activeFrom: { lte: now }, expiresAt: { gt: now } });
  if (input.status) where.push(statusWhere(input.status, now));
  if (input.identityId) where.push({ identityId: input.identityId });
  if (input.environment) where.push({ policy: { path: ["environment"], equals: input.environment } });
  if (input.emergency) where.push({ emergency: input.emergency === "true" });
  if (input.afterAction) where.push({ afterAction: { is: { filedAt: input.afterAction === "open" ? null : { not: null } } } });
  if (input.from) where.push({ requestedAt: { gte: new Date(`${input.from}T00:00:00.000Z`) } });
  if (input.to) where.push({ requestedAt: { lt: new Date(new Date(`${input.to}T00:00:00.000Z`).getTime() + 86_400_000) } });
  const filter = { AND: where };
  const [total, rows] = await Promise.all([
    db.breakGlassRequest.count({ where: filter }),
    db.breakGlassRequest.findMany({
      where: filter,
      // The queue is worked oldest first (the next to expire); active elevations soonest to end first.
      orderBy:
        input.view === "queue"
          ? [{ requestedAt: "asc" }, { id: "asc" }]
          : input.view === "active"
            ? [{ expiresAt: "asc" }, { id: "asc" }]
            : [{ requestedAt: "desc" }, { id: "desc" }],
      skip: (input.page - 1) * input.pageSize,
      take: input.pageSize,
      include: { approvals: { orderBy: { at: "asc" } } },
    }),
  ]);
  const [identities, requesters] = await Promise.all([
    db.identity.findMany({
      where: { id: { in: [...new Set(rows.map((r) => r.identityId))] } },
      select: { id: true, name: true, environment: true },
    }),
    db.user.findMany({ where: { id: { in: [...new Set(rows.map((r) => r.requesterId))] } }, select: { id: true, name: true } }),
  ]);
  const byId = new Map(identities.map((i) => [i.id, i]));
  const names = new Map(requesters.map((u) => [u.id, u.name]));
  return {
    items: rows.map((r) => {
      const identity = byId.get(r.identityId) ?? { id: r.identityId, name: "(removed)", environment: "" };
      return {
        ...toRequestDto(r, identity, now),
        requesterName: names.get(r.requesterId) ?? "(removed)",
        identityEnvironment: identity.environment,
      };
    }),
    total,
    page: input.page,
    pageSize: input.pageSize,
    asOf: now.toISOString(),
  };
};
