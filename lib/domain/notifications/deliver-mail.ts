import type { Db } from "@/lib/db/types";
import type { Clock } from "../shared/clock";
import { redactSecrets } from "../shared/redact-secrets";
import { type MailEntry, renderDigestMail, renderEntryMail } from "./mail-content";
import type { Mailer } from "./mailer";

// Mail is sent outside any transaction: an entry is claimed (its attempt counted, a lease set) in a short
// transaction, sent, then its outcome written. A crash between the two leaves the lease to run out and the
// entry is tried again; a mail server that is slow or down never holds a database connection.

export const MAIL_BATCH = 50;
/** After this many failed attempts an entry's mail is `failed`, with the last error kept. */
export const MAX_MAIL_ATTEMPTS = 5;
/** How long a claimed entry is left alone before another run may try it again (a crashed sender). */
const LEASE_MS = 10 * 60_000;
const MINUTE = 60_000;

/** The wait before attempt n + 1 after n failures: 1, 5, 25 minutes, then 2 hours, at most 6. */
export const retryDelayMs = (failures: number) => Math.min(MINUTE * 5 ** Math.max(0, failures - 1), 6 * 60 * MINUTE);

const ERROR_MAX = 500;
/** A mail server's answer, kept to read on the job's page: one line, shortened, and never a secret. */
async function describeError(error: unknown): Promise<string> {
  const text = error instanceof Error ? error.message : String(error);
  const line = text.replace(/\s+/g, " ").trim() || "unknown error";
  return redactSecrets(line.length > ERROR_MAX ? `${line.slice(0, ERROR_MAX - 1)}…` : line);
}

type Outcome = { id: string; status: "sent" | "pending" | "failed" | "skipped"; error: string | null; nextAttemptAt: Date | null };

async function record(db: Db, now: Date, outcomes: Outcome[]): Promise<void> {
  if (outcomes.length === 0) return;
  await db.$executeRaw`
    UPDATE "Notification" n SET
      "emailStatus" = o.status,
      "emailError" = o.error,
      "emailNextAttemptAt" = o.next,
      "emailSentAt" = CASE WHEN o.status = 'sent' THEN ${now} ELSE n."emailSentAt" END
    FROM jsonb_to_recordset(${JSON.stringify(outcomes.map((o) => ({ id: o.id, status: o.status, error: o.error, next: o.nextAttemptAt?.toISOString() ?? null })))}::jsonb)
      AS o(id uuid, status text, error text, next timestamptz)
    WHERE n.id = o.id`;
}

export type MailRunResult = { sent: number; retrying: number; failed: number; skipped: number };

/**
 * Sends the mail of entries that are due (status `pending`, next attempt reached), oldest first. Each mail
 * is the entry's title, text and a deep link (the console's public URL + the entry's link). A failure is
 * tried again after a growing wait; after MAX_MAIL_ATTEMPTS the entry is `failed` with the error. A person
 * who was deactivated or turned mail off since the entry was made is skipped.
 */
export async function sendPendingMails(
  db: Db,
  clock: Clock,
  mailer: Mailer,
  publicUrl: string,
  options: { batch?: number; maxAttempts?: number } = {},
): Promise<MailRunResult> {
  const now = clock.now();
  const maxAttempts = options.maxAttempts ?? MAX_MAIL_ATTEMPTS;
  const claimed = await db.$queryRaw<(MailEntry & { id: string; attempts: number; email: string; active: boolean; mailOn: boolean })[]>`
    UPDATE "Notification" n SET "emailAttempts" = n."emailAttempts" + 1, "emailNextAttemptAt" = ${new Date(now.getTime() + LEASE_MS)}
    FROM "User" u LEFT JOIN "NotificationSettings" s ON s."userId" = u.id
    WHERE u.id = n."userId" AND n.id IN (
      SELECT id FROM "Notification"
      WHERE "emailStatus" = 'pending' AND ("emailNextAttemptAt" IS NULL OR "emailNextAttemptAt" <= ${now})
      ORDER BY "createdAt", id LIMIT ${options.batch ?? MAIL_BATCH} FOR UPDATE SKIP LOCKED
    )
    RETURNING n.id, n."eventType", n.title, n.body, n.link, n."createdAt", n."emailAttempts" AS attempts, u.email,
      u.status = 'active' AS active, COALESCE(s.email, true) AS "mailOn"`;

  const result: MailRunResult = { sent: 0, retrying: 0, failed: 0, skipped: 0 };
  const outcomes: Outcome[] = [];
  for (const entry of claimed) {
    if (!entry.active || !entry.mailOn) {
      outcomes.push({ id: entry.id, status: "skipped", error: null, nextAttemptAt: null });
      result.skipped += 1;
      continue;
    }
    try {
      await mailer.send({ to: entry.email, ...renderEntryMail(entry, publicUrl) });
      outcomes.push({ id: entry.id, status: "sent", error: null, nextAttemptAt: null });
      result.sent += 1;
    } catch (error) {
      const message = await describeError(error);
      if (entry.attempts >= maxAttempts) {
        outcomes.push({ id: entry.id, status: "failed", error: message, nextAttemptAt: null });
        result.failed += 1;
      } else {
        outcomes.push({
          id: entry.id,
          status: "pending",
          error: message,
          nextAttemptAt: new Date(clock.now().getTime() + retryDelayMs(entry.attempts)),
        });
        result.retrying += 1;
      }
    }
  }
  await record(db, clock.now(), outcomes);
  return result;
}

/** A person gets at most one digest in this long, however often the digest job runs. */
export const DIGEST_EVERY_MS = 20 * 60 * MINUTE;

export type DigestRunResult = { digests: number; entries: number; failed: number; skipped: number };

/**
 * Sends each person who has entries waiting for the digest one mail listing them (newest first), at most
 * once per DIGEST_EVERY_MS (NotificationSettings.lastDigestAt, claimed atomically so two instances never
 * both send). The listed entries become `sent`. A failed digest leaves them waiting for the next one (with
 * the error); after MAX_MAIL_ATTEMPTS digests failed they are `failed`.
 */
export async function sendDigests(db: Db, clock: Clock, mailer: Mailer, publicUrl: string): Promise<DigestRunResult> {
  const now = clock.now();
  const cutoff = new Date(now.getTime() - DIGEST_EVERY_MS);
  const people = await db.$queryRaw<{ userId: string; email: string; active: boolean; mailOn: boolean; previous: Date | null }[]>`
    SELECT u.id AS "userId", u.email, u.status = 'active' AS active, COALESCE(s.email, true) AS "mailOn", s."lastDigestAt" AS previous
    FROM (SELECT DISTINCT "userId" FROM "Notification" WHERE "emailStatus" = 'digest') d
    JOIN "User" u ON u.id = d."userId"
    LEFT JOIN "NotificationSettings" s ON s."userId" = u.id
    WHERE s."lastDigestAt" IS NULL OR s."lastDigestAt" <= ${cutoff}`;

  const result: DigestRunResult = { digests: 0, entries: 0, failed: 0, skipped: 0 };
  for (const person of people) {
    if (!person.active || !person.mailOn) {
      result.skipped += await db.$executeRaw`
        UPDATE "Notification" SET "emailStatus" = 'skipped' WHERE "userId" = ${person.userId}::uuid AND "emailStatus" = 'digest'`;
      continue;
    }
    // The claim: only the run that moves lastDigestAt sends this person's digest.
    const won = await db.$queryRaw<{ userId: string }[]>`
      INSERT INTO "NotificationSettings" ("userId", "lastDigestAt", "updatedAt") VALUES (${person.userId}::uuid, ${now}, ${now})
      ON CONFLICT ("userId") DO UPDATE SET "lastDigestAt" = EXCLUDED."lastDigestAt"
        WHERE "NotificationSettings"."lastDigestAt" IS NULL OR "NotificationSettings"."lastDigestAt" <= ${cutoff}
      RETURNING "userId"`;
    if (won.length === 0) continue;
    const entries = await db.notification.findMany({
      where: { userId: person.userId, emailStatus: "digest", createdAt: { lte: now } },
      orderBy: [{ createdAt: "desc" }, { id: "asc" }],
      select: { id: true, eventType: true, title: true, body: true, link: true, createdAt: true, emailAttempts: true },
    });
    if (entries.length === 0) continue;
    const ids = entries.map((e) => e.id);
    try {
      await mailer.send({ to: person.email, ...renderDigestMail(entries, publicUrl) });
      await db.notification.updateMany({
        where: { id: { in: ids } },
        data: { emailStatus: "sent", emailSentAt: clock.now(), emailError: null, emailAttempts: { increment: 1 } },
      });
      result.digests += 1;
      result.entries += entries.length;
    } catch (error) {
      const message = await describeError(error);
      await db.$transaction([
        db.notification.updateMany({ where: { id: { in: ids } }, data: { emailAttempts: { increment: 1 }, emailError: message } }),
        db.notification.updateMany({
          where: { id: { in: ids }, emailAttempts: { gte: MAX_MAIL_ATTEMPTS } },
          data: { emailStatus: "failed" },
        }),
        // The next run may try again: the claim is given back.
        db.notificationSettings.update({ where: { userId: person.userId }, data: { lastDigestAt: person.previous } }),
      ]);
      result.failed += 1;
    }
  }
  return result;
}
