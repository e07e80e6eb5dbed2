import { z } from "zod";
import { actingPerson } from "../authz/actor";
import { enforce } from "../authz/enforce";
import { DomainError } from "../shared/errors";
import { lastPage } from "../shared/pages";
import type { UseCaseArgs } from "../shared/use-case";
import { validate } from "../shared/validate";
import { EVENT_TYPES, type EventType, isEventType } from "./event-types";

export const INBOX_PAGE_SIZE = 25;
/** Unread entries are counted up to this; the shell says "99+" above 99, the inbox "1,000+" above this. */
export const UNREAD_COUNT_CAP = 1_000;

const blank = (v: unknown) => (v === "" || v === null ? undefined : v);

/** The inbox's view, as it travels in the URL (/inbox?unread=1&page=2). */
export const inboxQuerySchema = z.object({
  unread: z.preprocess(
    blank,
    z
      .enum(["1", "true", "0", "false"], { error: "unread must be true or false" })
      .transform((v) => v === "1" || v === "true")
      .optional(),
  ),
  page: z.preprocess(
    blank,
    z.coerce
      .number({ error: "page must be a page number" })
      .int("page must be a whole number")
      .min(1, "page must be 1 or more")
      .max(100_000, "page must be at most 100000")
      .default(1),
  ),
});

export type InboxEntryDto = {
  id: string;
  eventType: string;
  /** What the type means, in words ("An identity you own has an expired credential"). */
  eventLabel: string;
  title: string;
  body: string;
  link: string;
  createdAt: string;
  read: boolean;
  /** What became of the entry's mail: pending, sent, digest, skipped, failed. */
  emailStatus: string;
};

export type InboxPage = {
  entries: InboxEntryDto[];
  /** Entries in this view (all, or unread only). */
  total: number;
  page: number;
  pageSize: number;
  unreadOnly: boolean;
  /** Unread entries (capped at UNREAD_COUNT_CAP). */
  unread: number;
};

/** The person whose inbox this is: the signed-in person, or the owner a token answers for. */
export function inboxOwner(args: Pick<UseCaseArgs, "actor">): string {
  const person = actingPerson(args.actor);
  if (!person) throw new DomainError("UNAUTHENTICATED", "Sign in first.");
  return person.userId;
}

/** How many of this person's entries are unread, counted up to UNREAD_COUNT_CAP (the (userId, readAt) index). */
export async function countUnread(db: UseCaseArgs["db"], userId: string): Promise<number> {
  const [row] = await db.$queryRaw<{ n: number }[]>`
    SELECT count(*)::int AS n FROM (
      SELECT 1 FROM "Notification" WHERE "userId" = ${userId}::uuid AND "readAt" IS NULL LIMIT ${UNREAD_COUNT_CAP}
    ) unread`;
  return row?.n ?? 0;
}

/** The signed-in person's unread count, for the shell's badge. */
export async function unreadCount({ actor, db, clock }: UseCaseArgs): Promise<number> {
  await enforce(db, clock, actor, "notification.read");
  return countUnread(db, inboxOwner({ actor }));
}

/**
 * The signed-in person's inbox, newest first, a page at a time (page numbers in the URL, so a view can be
 * linked and reloaded); `unread` shows only what they have not read. A page past the end shows the last.
 */
export async function listInbox({ actor, db, clock, input }: UseCaseArgs): Promise<InboxPage> {
  await enforce(db, clock, actor, "notification.read");
  const userId = inboxOwner({ actor });
  const { unread: unreadOnly = false, page: asked } = await validate(inboxQuerySchema, input);
  const where = { userId, ...(unreadOnly ? { readAt: null } : {}) };
  const [total, unread] = await Promise.all([db.notification.count({ where }), countUnread(db, userId)]);
  const page = Math.min(asked, lastPage(total, INBOX_PAGE_SIZE));
  const rows = await db.notification.findMany({
    where,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    skip: (page - 1) * INBOX_PAGE_SIZE,
    take: INBOX_PAGE_SIZE,
    select: { id: true, eventType: true, title: true, body: true, link: true, createdAt: true, readAt: true, emailStatus: true },
  });
  return {
    entries: rows.map((r) => ({
      id: r.id,
      eventType: r.eventType,
      eventLabel: isEventType(r.eventType) ? EVENT_TYPES[r.eventType as EventType] : r.eventType,
      title: r.title,
      body: r.body,
      link: r.link,
      createdAt: r.createdAt.toISOString(),
      read: r.readAt !== null,
      emailStatus: r.emailStatus,
    })),
    total,
    page,
    pageSize: INBOX_PAGE_SIZE,
    unreadOnly,
    unread,
  };
}
