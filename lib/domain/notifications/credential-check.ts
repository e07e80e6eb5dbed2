import type { Db } from "@/lib/db/types";
import type { Clock } from "../shared/clock";
import { checkEvents, emitEvents } from "./emit-event";
import type { DomainEvent } from "./event-types";

/** A credential expiring within this many days is announced to its owners ("expires in 3 days"). */
export const EXPIRING_WITHIN_DAYS = 7;
/**
 * An expiry further back than this is not news: it is not announced (My work and the registry's "expired"
 * filter show it). Without this bound the first run on an existing registry would mail each owner once per
 * credential that expired months or years ago.
 */
export const EXPIRED_NEWS_DAYS = 30;
/** Events per run at most; the rest follow on the next run (nothing is lost: the check finds them again). */
export const CHECK_BATCH = 5_000;
const DAY = 86_400_000;

type Due = {
  identityId: string;
  identityName: string;
  platform: string;
  credentialId: string;
  handle: string;
  type: string;
  expiresAt: Date;
  expired: boolean;
  dedupeKey: string;
  recipients: string[];
};

const TYPE_WORDS: Record<string, string> = {
  static_secret: "secret",
  oauth_client: "OAuth client secret",
  certificate: "certificate",
};

const day = (d: Date) => d.toISOString().slice(0, 10);

function describe(due: Due, now: Date): DomainEvent {
  const word = TYPE_WORDS[due.type] ?? "credential";
  // The identity form's single credential is called "primary": "primary secret", not "secret primary".
  const what = due.handle === "primary" ? `primary ${word}` : `${word} ${due.handle}`;
  const inDays = Math.max(0, Math.ceil((due.expiresAt.getTime() - now.getTime()) / DAY));
  const title = due.expired
    ? `${due.identityName}: ${what} expired on ${day(due.expiresAt)}`
    : `${due.identityName}: ${what} expires on ${day(due.expiresAt)}${inDays <= 1 ? "" : ` (in ${inDays} days)`}`;
  const body = due.expired
    ? `The ${what} of ${due.identityName} (${due.platform}) expired on ${day(due.expiresAt)} and is still recorded as active. ` +
      `Rotate it, or deactivate it if nothing uses it any more.\n\nYou receive this as the identity's owner or backup owner.`
    : `The ${what} of ${due.identityName} (${due.platform}) expires on ${day(due.expiresAt)}. ` +
      `Rotate it before then, or let it lapse and deactivate it if nothing uses it any more.\n\nYou receive this as the identity's owner or backup owner.`;
  return {
    type: due.expired ? "identity.credentialExpired" : "identity.credentialExpiring",
    recipients: due.recipients,
    title,
    body,
    link: `/registry/${due.identityId}`,
    dedupeKey: due.dedupeKey,
    data: {
      identityId: due.identityId,
      identityName: due.identityName,
      platform: due.platform,
      credentialId: due.credentialId,
      credentialHandle: due.handle,
      credentialType: due.type,
      expiresAt: due.expiresAt.toISOString(),
    },
  };
}

export type CredentialCheckResult = { events: number; refused: number };

/**
 * Tells the owners (and backup owners) of active identities about their active credentials that expired
 * (in the last EXPIRED_NEWS_DAYS) or expire within EXPIRING_WITHIN_DAYS, once per credential and expiry date: the key
 * `credential:<id>:<expired|expiring>:<date>` is asked for only where nobody it would reach has an entry
 * with it yet, and no undispatched event carries it. A credential that expires by itself (federated,
 * short-lived token) is not announced, as the registry does not warn about it either.
 *
 * One statement finds them all, whatever the size of the registry: the identity summary's soonest active
 * expiry (its `credentialExpiresAt` index) narrows to identities with something due, then their credentials;
 * each candidate person is probed on the Notification (userId, dedupeKey) unique index. People who are
 * deactivated or muted the event's type are not asked for, so nothing is recorded for them run after run.
 */
export async function checkCredentials(db: Db, clock: Clock, options: { batch?: number } = {}): Promise<CredentialCheckResult> {
  const now = clock.now();
  const horizon = new Date(now.getTime() + EXPIRING_WITHIN_DAYS * DAY);
  const since = new Date(now.getTime() - EXPIRED_NEWS_DAYS * DAY);
  const due = await db.$queryRaw<Due[]>`
    WITH candidate AS (
      SELECT i.id AS "identityId", i.name AS "identityName", i.platform, i."ownerId", i."backupOwnerId",
        c.id AS "credentialId", c.handle, c.type, c."expiresAt", c."expiresAt" <= ${now} AS expired
      FROM "Identity" i
      JOIN "Credential" c ON c."identityId" = i.id
      WHERE i."credentialExpiresAt" <= ${horizon} AND i.status = 'active'
        AND c.status = 'active' AND c."expiresAt" <= ${horizon} AND c."expiresAt" > ${since} AND c.type NOT IN ('federated', 'short_lived_token')
    ), keyed AS (
      SELECT candidate.*,
        'credential:' || "credentialId" || ':' || CASE WHEN expired THEN 'expired' ELSE 'expiring' END || ':'
          || to_char("expiresAt" AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS "dedupeKey",
        CASE WHEN expired THEN 'identity.credentialExpired' ELSE 'identity.credentialExpiring' END AS "eventType"
      FROM candidate
    ), addressed AS (
      SELECT keyed.*, ARRAY(
        SELECT u.id::text FROM "User" u LEFT JOIN "NotificationSettings" s ON s."userId" = u.id
        WHERE u.id IN (keyed."ownerId", keyed."backupOwnerId") AND u.status = 'active'
          AND NOT (keyed."eventType" = ANY (COALESCE(s."mutedEvents", ARRAY[]::text[])))
          AND NOT EXISTS (SELECT 1 FROM "Notification" n WHERE n."userId" = u.id AND n."dedupeKey" = keyed."dedupeKey")
        ORDER BY u.id
      ) AS recipients
      FROM keyed
      WHERE NOT EXISTS (
        SELECT 1 FROM "OutboxEvent" o
        WHERE o."dispatchedAt" IS NULL AND o.type = keyed."eventType" AND o.payload->>'dedupeKey' = keyed."dedupeKey"
      )
    )
    SELECT "identityId", "identityName", platform, "credentialId", handle, type, "expiresAt", expired, "dedupeKey", recipients
    FROM addressed WHERE cardinality(recipients) > 0
    ORDER BY "expiresAt", "credentialId"
    LIMIT ${options.batch ?? CHECK_BATCH}`;
  if (due.length === 0) return { events: 0, refused: 0 };

  // A name or handle that looks like a secret (recorded before the console checked for them) is left out
  // rather than failing every run: the registry's own warnings still show that identity.
  const events = due.map((d) => describe(d, now));
  const refused = new Set((await checkEvents(events)).map((p) => p.index));
  const clean = events.filter((_, i) => !refused.has(i));
  await db.$transaction((tx) => emitEvents(tx, clock, clean));
  return { events: clean.length, refused: refused.size };
}
