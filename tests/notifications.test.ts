import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type TokenActor, type UserActor, systemActor } from "@/lib/domain/authz/actor";
import type { JobDefinition } from "@/lib/domain/jobs/job-definition";
import { checkCredentials } from "@/lib/domain/notifications/credential-check";
import { MAX_MAIL_ATTEMPTS, retryDelayMs, sendDigests, sendPendingMails } from "@/lib/domain/notifications/deliver-mail";
import { dispatchOutbox } from "@/lib/domain/notifications/dispatch";
import { emitEvent, emitEvents } from "@/lib/domain/notifications/emit-event";
import type { DomainEvent } from "@/lib/domain/notifications/event-types";
import { notificationJobs } from "@/lib/domain/notifications/jobs";
import { listInbox, unreadCount } from "@/lib/domain/notifications/list-inbox";
import type { MailMessage, Mailer } from "@/lib/domain/notifications/mailer";
import { markRead } from "@/lib/domain/notifications/mark-read";
import { getMyWork } from "@/lib/domain/notifications/my-work";
import { getNotificationSettings, updateNotificationSettings } from "@/lib/domain/notifications/settings";
import { refreshCredentialSummary } from "@/lib/domain/registry/credentials/credential-summary";
import type { Clock } from "@/lib/domain/shared/clock";
import { DomainError } from "@/lib/domain/shared/errors";
import { makeUser } from "./helpers/actors";
import { createTestDatabase, type TestDatabase } from "./helpers/test-database";

const PUBLIC_URL = "https://nhi.example.test";
const DAY = 86_400_000;

/** A clock the test moves by hand. */
function movableClock(start: string): Clock & { advance(ms: number): void; set(at: string): void } {
  let now = new Date(start).getTime();
  return { now: () => new Date(now), advance: (ms) => (now += ms), set: (at) => (now = new Date(at).getTime()) };
}

/** A mailer that keeps what it was given; `failWith` makes every send fail like an unreachable server. */
function recordingMailer() {
  const sent: MailMessage[] = [];
  const mailer: Mailer & { sent: MailMessage[]; failWith: string | null } = {
    sent,
    failWith: null,
    async send(message) {
      if (mailer.failWith) throw new Error(mailer.failWith);
      sent.push(message);
    },
  };
  return mailer;
}

let database: TestDatabase;
let db: TestDatabase["prisma"];
const clock = movableClock("2026-11-24T09:00:00Z");
let alice: UserActor;
let bob: UserActor;
let n = 0;

beforeAll(async () => {
  database = await createTestDatabase();
  db = database.prisma;
  alice = await makeUser(db, ["member"]);
  bob = await makeUser(db, ["member"]);
});
afterAll(() => database.close());
beforeEach(() => clock.set("2026-11-24T09:00:00Z"));

const event = (changes: Partial<DomainEvent> = {}): DomainEvent => {
  n += 1;
  return {
    type: "review.assigned",
    recipients: [alice.userId],
    title: `3 items to review, due Friday (${n})`,
    body: "The Q4 review of production identities waits for your decision.",
    link: `/reviews/r${n}?mine=1`,
    dedupeKey: `review:r${n}:assigned`,
    data: { reviewId: `r${n}`, items: 3 },
    ...changes,
  };
};

const emit = (...events: DomainEvent[]) => db.$transaction((tx) => emitEvents(tx, clock, events));
const dispatch = (mailEnabled = true) => dispatchOutbox(db, clock, { mailEnabled });
const inbox = (actor: UserActor, input: Record<string, unknown> = {}) => listInbox({ actor, db, clock, input });
const entry = (actor: UserActor, dedupeKey: string) =>
  db.notification.findUniqueOrThrow({ where: { userId_dedupeKey: { userId: actor.userId, dedupeKey } } });
const settings = (actor: UserActor, input: Record<string, unknown>) =>
  updateNotificationSettings({ actor, db, clock, input: { email: true, digest: false, mutedEvents: [], ...input } });

describe("emit -> dispatch -> inbox", () => {
  it("records an event in the action's transaction and turns it into an unread inbox entry for each recipient", async () => {
    const e = event({ recipients: [alice.userId, bob.userId] });
    await emit(e);
    expect(await db.outboxEvent.count({ where: { dispatchedAt: null } })).toBe(1);
    // Nothing reaches the inbox before the dispatch job runs.
    expect((await inbox(alice)).entries.find((x) => x.title === e.title)).toBeUndefined();

    const result = await dispatch();
    expect(result).toMatchObject({ events: 1, entries: 2 });
    expect(await db.outboxEvent.count({ where: { dispatchedAt: null } })).toBe(0);

    const page = await inbox(alice);
    expect(page.entries[0]).toMatchObject({ title: e.title, body: e.body, link: e.link, read: false, emailStatus: "pending" });
    expect(page.entries[0]!.eventLabel).toBe("Items to review were assigned to you");
    expect(await unreadCount({ actor: bob, db, clock, input: {} })).toBeGreaterThanOrEqual(1);
    // Dispatching again finds nothing left to do.
    expect(await dispatch()).toEqual({ events: 0, entries: 0, webhooks: 0 });
  });

  it("writes nothing when the action rolls back", async () => {
    const e = event();
    await expect(
      db.$transaction(async (tx) => {
        await emitEvent(tx, clock, e);
        throw new Error("the action failed");
      }),
    ).rejects.toThrow("the action failed");
    await dispatch();
    expect(await db.notification.count({ where: { dedupeKey: e.dedupeKey } })).toBe(0);
  });

  it("pages the inbox on the server, filters unread, and shows a page past the end as the last", async () => {
    const carol = await makeUser(db, ["member"]);
    const events = Array.from({ length: 30 }, () => event({ recipients: [carol.userId] }));
    for (const [i, e] of events.entries()) {
      clock.set(new Date(Date.parse("2026-11-24T09:00:00Z") + i * 1000).toISOString());
      await emit(e);
      await dispatch();
    }
    const first = await inbox(carol);
    expect(first).toMatchObject({ total: 30, page: 1, pageSize: 25, unread: 30 });
    expect(first.entries[0]!.title).toBe(events[29]!.title); // newest first
    const second = await inbox(carol, { page: "2" });
    expect(second.entries).toHaveLength(5);
    expect(second.entries.at(-1)!.title).toBe(events[0]!.title);
    expect((await inbox(carol, { page: "99" })).page).toBe(2);

    await markRead({ actor: carol, db, clock, input: { id: first.entries[0]!.id } });
    const unread = await inbox(carol, { unread: "1" });
    expect(unread).toMatchObject({ total: 29, unreadOnly: true, unread: 29 });
    expect(unread.entries.every((x) => !x.read)).toBe(true);

    await expect(inbox(carol, { page: "zero" })).rejects.toMatchObject({ code: "VALIDATION", fieldErrors: { page: expect.any(Array) } });
  });

  it("marks one entry or all read, only the person's own, and records each in the audit log", async () => {
    const dave = await makeUser(db, ["member"]);
    const [a, b] = [event({ recipients: [dave.userId] }), event({ recipients: [dave.userId] })];
    await emit(a, b);
    await dispatch();
    const one = await entry(dave, a.dedupeKey);

    // Someone else's entry does not exist for them.
    await expect(markRead({ actor: alice, db, clock, input: { id: one.id } })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect((await entry(dave, a.dedupeKey)).readAt).toBeNull();

    expect(await markRead({ actor: dave, db, clock, input: { id: one.id } })).toEqual({ marked: 1 });
    expect((await entry(dave, a.dedupeKey)).readAt).not.toBeNull();
    expect(await markRead({ actor: dave, db, clock, input: { all: true } })).toEqual({ marked: 1 });
    expect(await unreadCount({ actor: dave, db, clock, input: {} })).toBe(0);

    const audit = await db.auditEvent.findMany({
      where: { action: "notification.markRead", actorId: dave.userId },
      orderBy: { seq: "asc" },
    });
    expect(audit.map((x) => [x.outcome, x.targetType])).toEqual([
      ["allowed", "notification"],
      ["allowed", "user"],
    ]);
    expect(audit[1]!.reason).toBe("1 inbox entry marked read");

    await expect(markRead({ actor: dave, db, clock, input: {} })).rejects.toMatchObject({ code: "VALIDATION" });
    await expect(markRead({ actor: dave, db, clock, input: { id: "nope" } })).rejects.toMatchObject({ code: "VALIDATION" });
  });
});

describe("never two entries nor two mails per person per event", () => {
  it("refreshes the entry for the same key (unread again) but sends its mail once", async () => {
    const mailer = recordingMailer();
    const e = event();
    await emit(e);
    await dispatch();
    await sendPendingMails(db, clock, mailer, PUBLIC_URL);
    expect(mailer.sent.filter((m) => m.subject === e.title)).toHaveLength(1);
    await markRead({ actor: alice, db, clock, input: { id: (await entry(alice, e.dedupeKey)).id } });

    // The same key again (a reminder about the same thing), twice in one batch even.
    clock.advance(DAY);
    const again = { ...e, title: `${e.title}, still waiting` };
    await emit(again, again);
    expect(await dispatch()).toMatchObject({ events: 2, entries: 1 });
    await sendPendingMails(db, clock, mailer, PUBLIC_URL);

    expect(await db.notification.count({ where: { userId: alice.userId, dedupeKey: e.dedupeKey } })).toBe(1);
    const refreshed = await entry(alice, e.dedupeKey);
    expect(refreshed).toMatchObject({ title: again.title, readAt: null, emailStatus: "sent" });
    expect(refreshed.createdAt.toISOString()).toBe(clock.now().toISOString());
    expect(mailer.sent.filter((m) => m.subject.startsWith(e.title))).toHaveLength(1);
  });

  it("writes a mail with the entry's text, an escaped HTML part and a deep link to the item", async () => {
    const mailer = recordingMailer();
    const e = event({ title: "Review <Q4> & more", body: "Line one.\n\nSecond <b>paragraph</b>.", link: "/reviews/abc?mine=1&x=<y>" });
    await emit(e);
    await dispatch();
    await sendPendingMails(db, clock, mailer, PUBLIC_URL);
    const mail = mailer.sent.find((m) => m.subject === e.title)!;
    expect(mail.to).toBe(alice.email);
    expect(mail.text).toContain("Second <b>paragraph</b>.");
    expect(mail.text).toContain(`${PUBLIC_URL}/reviews/abc?mine=1&x=<y>`);
    expect(mail.html).toContain("Review &lt;Q4&gt; &amp; more");
    expect(mail.html).toContain("Second &lt;b&gt;paragraph&lt;/b&gt;.");
    expect(mail.html).toContain(`href="${PUBLIC_URL}/reviews/abc?mine=1&amp;x=&lt;y&gt;"`);
    expect(mail.html).not.toContain("<b>paragraph");
    expect(mail.text).toContain(`${PUBLIC_URL}/settings/notifications`);
    expect((await entry(alice, e.dedupeKey)).emailSentAt?.toISOString()).toBe(clock.now().toISOString());
  });
});

describe("preferences", () => {
  it("leaves muted event types out of the inbox and mail", async () => {
    const erin = await makeUser(db, ["member"]);
    await settings(erin, { mutedEvents: ["review.reminder"] });
    const muted = event({ type: "review.reminder", recipients: [erin.userId, alice.userId] });
    const kept = event({ type: "review.assigned", recipients: [erin.userId] });
    await emit(muted, kept);
    await dispatch();
    expect((await inbox(erin)).entries.map((x) => x.title)).toEqual([kept.title]);
    expect((await entry(alice, muted.dedupeKey)).eventType).toBe("review.reminder"); // others still get it
  });

  it("skips the mail of a person who turned mail off, and every mail when no SMTP server is configured", async () => {
    const frank = await makeUser(db, ["member"]);
    await settings(frank, { email: false });
    const e = event({ recipients: [frank.userId, alice.userId] });
    await emit(e);
    await dispatch();
    expect((await entry(frank, e.dedupeKey)).emailStatus).toBe("skipped");
    expect((await entry(alice, e.dedupeKey)).emailStatus).toBe("pending");

    const f = event();
    await emit(f);
    await dispatch(false);
    expect((await entry(alice, f.dedupeKey)).emailStatus).toBe("skipped");
    expect((await inbox(alice)).entries.some((x) => x.title === f.title)).toBe(true); // still in the inbox
  });

  it("sends one daily digest listing what arrived, once per day", async () => {
    const mailer = recordingMailer();
    const gina = await makeUser(db, ["member"]);
    await settings(gina, { digest: true });
    const [a, b] = [event({ recipients: [gina.userId] }), event({ recipients: [gina.userId], link: "/registry?expired=1" })];
    await emit(a, b);
    await dispatch();
    expect((await entry(gina, a.dedupeKey)).emailStatus).toBe("digest");

    await sendPendingMails(db, clock, mailer, PUBLIC_URL);
    expect(mailer.sent.filter((m) => m.to === gina.email)).toHaveLength(0); // not one by one

    clock.advance(60_000);
    expect(await sendDigests(db, clock, mailer, PUBLIC_URL)).toMatchObject({ digests: 1, entries: 2 });
    const digest = mailer.sent.filter((m) => m.to === gina.email);
    expect(digest).toHaveLength(1);
    expect(digest[0]!.subject).toBe("NHI Console: 2 notifications since your last digest");
    expect(digest[0]!.text).toContain(a.title);
    expect(digest[0]!.text).toContain(`${PUBLIC_URL}/registry?expired=1`);
    expect(digest[0]!.html).toContain(`href="${PUBLIC_URL}${a.link}"`);
    expect((await entry(gina, a.dedupeKey)).emailStatus).toBe("sent");

    // Later the same day: a new entry waits for tomorrow's digest.
    const c = event({ recipients: [gina.userId] });
    await emit(c);
    await dispatch();
    clock.advance(3_600_000);
    expect(await sendDigests(db, clock, mailer, PUBLIC_URL)).toMatchObject({ digests: 0 });
    clock.advance(DAY);
    expect(await sendDigests(db, clock, mailer, PUBLIC_URL)).toMatchObject({ digests: 1, entries: 1 });
    expect(mailer.sent.filter((m) => m.to === gina.email)).toHaveLength(2);
  });

  it("reads and records preference changes, refuses unknown event types by field", async () => {
    const hal = await makeUser(db, ["member"]);
    expect(await getNotificationSettings({ actor: hal, db, clock, input: {} })).toMatchObject({
      email: true,
      digest: false,
      mutedEvents: [],
    });
    await settings(hal, { digest: "on", mutedEvents: ["review.reminder", "job.failed", "review.reminder"] });
    const now = await getNotificationSettings({ actor: hal, db, clock, input: {} });
    expect(now).toMatchObject({ email: true, digest: true, mutedEvents: ["job.failed", "review.reminder"] });
    expect(now.eventTypes.map((t) => t.type)).not.toContain("webhook.test");
    // A member is not offered the kinds only admins receive; an admin is.
    expect(now.eventTypes.map((t) => t.type)).not.toContain("job.failed");
    const admin = await makeUser(db, ["admin"]);
    expect((await getNotificationSettings({ actor: admin, db, clock, input: {} })).eventTypes.map((t) => t.type)).toContain(
      "webhook.disabled",
    );
    const audit = await db.auditEvent.findFirstOrThrow({ where: { action: "notification.settings", actorId: hal.userId } });
    expect(audit).toMatchObject({ outcome: "allowed", reason: "changed: digest, mutedEvents" });

    await expect(settings(hal, { mutedEvents: ["review.nope"] })).rejects.toMatchObject({
      code: "VALIDATION",
      fieldErrors: { "mutedEvents.0": [expect.stringContaining("each muted event must be one of")] },
    });
    await expect(settings(hal, { email: "maybe" })).rejects.toMatchObject({
      code: "VALIDATION",
      fieldErrors: { email: expect.any(Array) },
    });
  });
});

describe("people who cannot be told", () => {
  it("leaves out a deactivated recipient and one who is not a user", async () => {
    const gone = await makeUser(db, ["member"], { status: "deactivated" });
    const e = event({ recipients: [gone.userId, alice.userId, "00000000-0000-4000-8000-000000000000"] });
    await emit(e);
    expect(await dispatch()).toMatchObject({ events: 1, entries: 1 });
    expect(await db.notification.count({ where: { userId: gone.userId } })).toBe(0);
  });

  it("skips the mail of someone deactivated after the entry was made", async () => {
    const mailer = recordingMailer();
    const ivan = await makeUser(db, ["member"]);
    const e = event({ recipients: [ivan.userId] });
    await emit(e);
    await dispatch();
    await db.user.update({ where: { id: ivan.userId }, data: { status: "deactivated" } });
    await sendPendingMails(db, clock, mailer, PUBLIC_URL);
    expect((await entry(ivan, e.dedupeKey)).emailStatus).toBe("skipped");
    expect(mailer.sent.some((m) => m.to === ivan.email)).toBe(false);
  });
});

describe("a failing mail server", () => {
  it("never fails the action; the mail is retried with growing waits, then marked failed with the error", async () => {
    const mailer = recordingMailer();
    mailer.failWith = "connect ECONNREFUSED 127.0.0.1:2525";
    const jan = await makeUser(db, ["member"]);
    const e = event({ recipients: [jan.userId] });
    // The action: a change of its own plus its event, committed whatever the mail server does later.
    await db.$transaction(async (tx) => {
      await tx.user.update({ where: { id: jan.userId }, data: { name: "Jan (renamed)" } });
      await emitEvent(tx, clock, e);
    });
    expect((await db.user.findUniqueOrThrow({ where: { id: jan.userId } })).name).toBe("Jan (renamed)");
    await dispatch();

    for (let attempt = 1; attempt <= MAX_MAIL_ATTEMPTS; attempt += 1) {
      const result = await sendPendingMails(db, clock, mailer, PUBLIC_URL);
      const row = await entry(jan, e.dedupeKey);
      expect(row.emailAttempts).toBe(attempt);
      expect(row.emailError).toBe("connect ECONNREFUSED 127.0.0.1:2525");
      if (attempt < MAX_MAIL_ATTEMPTS) {
        expect(result.retrying).toBeGreaterThanOrEqual(1);
        expect(row.emailStatus).toBe("pending");
        expect(row.emailNextAttemptAt!.getTime() - clock.now().getTime()).toBe(retryDelayMs(attempt));
        // Not before its time.
        await sendPendingMails(db, clock, mailer, PUBLIC_URL);
        expect((await entry(jan, e.dedupeKey)).emailAttempts).toBe(attempt);
        clock.advance(retryDelayMs(attempt));
      } else {
        expect(row).toMatchObject({ emailStatus: "failed", emailNextAttemptAt: null });
      }
    }
    // Failed for good: never tried again, and the entry is still in the inbox.
    mailer.failWith = null;
    clock.advance(DAY);
    await sendPendingMails(db, clock, mailer, PUBLIC_URL);
    expect(mailer.sent.some((m) => m.to === jan.email)).toBe(false);
    expect((await inbox(jan)).entries[0]).toMatchObject({ title: e.title, emailStatus: "failed" });
  });

  it("keeps a password out of a stored mail error", async () => {
    const mailer = recordingMailer();
    mailer.failWith = "Invalid login for smtp://mailer:Sup3rS3cretPassw0rd!@mail.example.com:587";
    const e = event();
    await emit(e);
    await dispatch();
    await sendPendingMails(db, clock, mailer, PUBLIC_URL);
    const row = await entry(alice, e.dedupeKey);
    expect(row.emailError).toContain("Invalid login");
    expect(row.emailError).not.toContain("Sup3rS3cretPassw0rd");
  });
});

describe("notifications never carry a secret", () => {
  it("refuses an event whose title looks like a secret, and the action with it", async () => {
    const token = `ghp_${"A1b2C3d4E5f6G7h8I9j0".repeat(2).slice(0, 36)}`;
    const e = event({ title: `Rotate ${token} today` });
    const before = await db.outboxEvent.count();
    const failure = await db
      .$transaction(async (tx) => {
        await tx.user.update({ where: { id: bob.userId }, data: { name: "Bob (should not stick)" } });
        await emitEvent(tx, clock, e);
      })
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(DomainError);
    expect(failure).toMatchObject({ code: "VALIDATION", fieldErrors: { "event.title": [expect.stringContaining("GitHub token")] } });
    expect(await db.outboxEvent.count()).toBe(before);
    expect((await db.user.findUniqueOrThrow({ where: { id: bob.userId } })).name).not.toBe("Bob (should not stick)");
  });

  it("refuses a secret anywhere in the data, an unknown type, and a link off the site", async () => {
    const key = "AKIAIOSFODNN7EXAMPLE";
    await expect(emit(event({ data: { note: { deep: `key ${key}` } } }))).rejects.toMatchObject({
      fieldErrors: { "event.data.note.deep": [expect.stringContaining("AWS")] },
    });
    await expect(emit(event({ type: "review.nope" as never }))).rejects.toMatchObject({ fieldErrors: { "event.type": expect.any(Array) } });
    for (const link of ["https://evil.example/x", "//evil.example/x", "javascript:alert(1)"])
      await expect(emit(event({ link }))).rejects.toMatchObject({ fieldErrors: { "event.link": expect.any(Array) } });
    await expect(emit(event({ recipients: ["not-a-user"] }))).rejects.toMatchObject({
      fieldErrors: { "event.recipients": expect.any(Array) },
    });
  });
});

describe("the credential check", () => {
  async function identity(owner: UserActor | null, backup: UserActor | null, status = "active") {
    n += 1;
    return db.identity.create({
      data: {
        name: `payments-api-${n}`,
        kind: "service_account",
        platform: "aws",
        externalId: `arn:aws:iam::123456789012:user/payments-api-${n}`,
        environment: "production",
        purpose: "Charges cards",
        ownerId: owner?.userId ?? null,
        backupOwnerId: backup?.userId ?? null,
        status,
      },
    });
  }
  async function credential(identityId: string, handle: string, changes: { type?: string; status?: string; expiresAt: Date | null }) {
    await db.credential.create({
      data: { identityId, handle, type: changes.type ?? "static_secret", status: changes.status ?? "active", expiresAt: changes.expiresAt },
    });
    await db.$transaction((tx) => refreshCredentialSummary(tx, [identityId]));
  }
  const inDays = (d: number) => new Date(clock.now().getTime() + d * DAY);

  it("tells owners and backup owners once per credential and expiry, never about what is not due", async () => {
    const owner = await makeUser(db, ["member"]);
    const backup = await makeUser(db, ["member"]);
    const departed = await makeUser(db, ["member"], { status: "deactivated" });
    const a = await identity(owner, backup);
    await credential(a.id, "…EXPD", { expiresAt: inDays(-3) });
    await credential(a.id, "…SOON", { expiresAt: inDays(3) });
    await credential(a.id, "…LATE", { expiresAt: inDays(30) });
    await credential(a.id, "…NONE", { expiresAt: null });
    await credential(a.id, "…OFF", { status: "inactive", expiresAt: inDays(-10) });
    await credential(a.id, "…OLD", { expiresAt: inDays(-45) }); // not news any more: My work shows it
    await credential(a.id, "…FED", { type: "federated", expiresAt: inDays(-1) });
    const retired = await identity(owner, null, "decommissioned");
    await credential(retired.id, "…RETD", { expiresAt: inDays(-3) });
    const b = await identity(owner, departed);
    await credential(b.id, "…B", { expiresAt: inDays(1) });
    const nobody = await identity(null, null);
    await credential(nobody.id, "…N", { expiresAt: inDays(-1) });

    expect(await checkCredentials(db, clock)).toEqual({ events: 3, refused: 0 });
    const events = await db.outboxEvent.findMany({
      where: { type: { startsWith: "identity." }, dispatchedAt: null },
      orderBy: { id: "asc" },
    });
    const payloads = events.map((e) => e.payload as unknown as DomainEvent);
    expect(payloads.map((p) => [p.type, p.title, [...p.recipients].sort()])).toEqual([
      [
        "identity.credentialExpired",
        `${a.name}: secret …EXPD expired on ${inDays(-3).toISOString().slice(0, 10)}`,
        [owner.userId, backup.userId].sort(),
      ],
      ["identity.credentialExpiring", `${b.name}: secret …B expires on ${inDays(1).toISOString().slice(0, 10)}`, [owner.userId]],
      [
        "identity.credentialExpiring",
        `${a.name}: secret …SOON expires on ${inDays(3).toISOString().slice(0, 10)} (in 3 days)`,
        [owner.userId, backup.userId].sort(),
      ],
    ]);
    expect(payloads[0]!.link).toBe(`/registry/${a.id}`);
    // Not yet dispatched: a second run adds nothing.
    expect(await checkCredentials(db, clock)).toEqual({ events: 0, refused: 0 });
    await dispatch();
    // Dispatched: the entries exist, so the next runs add nothing either.
    clock.advance(3_600_000);
    expect(await checkCredentials(db, clock)).toEqual({ events: 0, refused: 0 });
    expect((await inbox(owner)).entries.map((x) => x.eventType).sort()).toEqual([
      "identity.credentialExpired",
      "identity.credentialExpiring",
      "identity.credentialExpiring",
    ]);

    // Days later the soon-expiring one has expired: that is news (a new key), once.
    clock.advance(4 * DAY);
    expect(await checkCredentials(db, clock)).toEqual({ events: 2, refused: 0 }); // …SOON and …B expired now
    await dispatch();
    expect(await checkCredentials(db, clock)).toEqual({ events: 0, refused: 0 });
    // Rotated (a new expiry date): a new key, so the owner hears about the new date when it comes near.
    await db.credential.updateMany({ where: { identityId: a.id, handle: "…EXPD" }, data: { expiresAt: inDays(2) } });
    await db.$transaction((tx) => refreshCredentialSummary(tx, [a.id]));
    expect(await checkCredentials(db, clock)).toEqual({ events: 1, refused: 0 });
  });

  it("does not ask again for people who muted the type", async () => {
    const owner = await makeUser(db, ["member"]);
    const backup = await makeUser(db, ["member"]);
    await settings(owner, { mutedEvents: ["identity.credentialExpiring"] });
    const a = await identity(owner, backup);
    await credential(a.id, "…SOON", { expiresAt: inDays(2) });
    await checkCredentials(db, clock);
    await dispatch();
    expect(await db.notification.count({ where: { userId: owner.userId } })).toBe(0);
    expect(await db.notification.count({ where: { userId: backup.userId } })).toBe(1);
    expect(await checkCredentials(db, clock)).toEqual({ events: 0, refused: 0 });
  });

  it("leaves out a credential whose handle looks like a secret instead of failing every run", async () => {
    const owner = await makeUser(db, ["member"]);
    const a = await identity(owner, null);
    await credential(a.id, "AKIAIOSFODNN7EXAMPLE", { expiresAt: inDays(-1) });
    const result = await checkCredentials(db, clock);
    expect(result.refused).toBe(1);
  });
});

describe("the jobs", () => {
  const byHandler = (jobs: JobDefinition[], handler: string) => jobs.find((j) => j.handler === handler)!;
  const run = (job: JobDefinition) => job.run({ db, clock, actor: systemActor(`system:job:${job.handler}`), payload: null });

  it("run as the system actor: dispatch, mail, digest and the credential check", async () => {
    const mailer = recordingMailer();
    const jobs = notificationJobs({ mailer, publicUrl: PUBLIC_URL });
    expect(jobs.map((j) => [j.handler, j.schedule])).toEqual([
      ["notifications.dispatch", "*/5 * * * * *"],
      ["notifications.email", "*/10 * * * * *"],
      ["notifications.digest", "0 8 * * *"],
      ["identities.credentialCheck", "0 * * * *"],
    ]);
    const e = event();
    await emit(e);
    expect(await run(byHandler(jobs, "notifications.dispatch"))).toEqual({ summary: "1 event: 1 inbox entry, 0 webhook deliveries" });
    expect((await run(byHandler(jobs, "notifications.email")))?.summary).toMatch(/^\d+ mails? sent/);
    expect(mailer.sent.some((m) => m.subject === e.title)).toBe(true);
    expect(await run(byHandler(jobs, "notifications.dispatch"))).toEqual({ summary: "nothing to dispatch", idle: true });
    await run(byHandler(jobs, "notifications.digest"));
    await run(byHandler(jobs, "identities.credentialCheck"));

    const offline = notificationJobs({ mailer: null, publicUrl: PUBLIC_URL });
    expect(await run(byHandler(offline, "notifications.email"))).toEqual({
      summary: "no SMTP server configured (SMTP_URL): mail is off",
      idle: true,
    });
  });

  it("are refused to people: the dispatch is the system's", async () => {
    const job = byHandler(notificationJobs({ mailer: null, publicUrl: PUBLIC_URL }), "notifications.dispatch");
    await expect(job.run({ db, clock, actor: alice as never, payload: null })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});

describe("My work", () => {
  it("counts the person's identities with each problem, as the registry's filters do, and their unread entries", async () => {
    const kim = await makeUser(db, ["member"]);
    const lee = await makeUser(db, ["member"]);
    const inDays = (d: number) => new Date(clock.now().getTime() + d * DAY);
    const make = async (owner: UserActor, backup: UserActor | null, handle: string, expiresAt: Date | null, status = "active") => {
      n += 1;
      const i = await db.identity.create({
        data: {
          name: `svc-${n}`,
          kind: "service_account",
          platform: "aws",
          externalId: `x-${n}`,
          environment: "production",
          purpose: "p",
          ownerId: owner.userId,
          backupOwnerId: backup?.userId ?? null,
          status,
        },
      });
      await db.credential.create({ data: { identityId: i.id, handle, type: "static_secret", expiresAt } });
      await db.$transaction((tx) => refreshCredentialSummary(tx, [i.id]));
      return i;
    };
    const a = await make(kim, null, "a", inDays(-2));
    const b = await make(kim, lee, "b", inDays(3));
    const c = await make(kim, null, "c", null);
    const d = await make(kim, null, "d", inDays(-2), "decommissioned");
    const e2 = await make(lee, kim, "e", inDays(-1));

    const work = await getMyWork({ actor: kim, db, clock, input: {} });
    const counts = Object.fromEntries(work.identities!.problems.map((p) => [p.key, [p.owned, p.backup]]));
    expect(work.identities).toMatchObject({ owned: 3, backup: 1 });
    expect(counts).toMatchObject({ expired: [1, 1], expiring: [1, 0], noExpiry: [1, 0], severalActive: [0, 0] });
    const expired = work.identities!.problems.find((p) => p.key === "expired")!;
    expect(expired.href).toBe(`/registry?owner=${kim.userId}&status=active&expired=1`);

    // Posture findings: open as of now (an acceptance whose date passed counts), on active identities only; those kim
    // backs up counted apart; the newest five on those kim owns.
    const finding = (identityId: string, checkId: string, severity: string, daysAgo: number, status = "open", untilDays?: number) =>
      db.finding.create({
        data: {
          identityId,
          checkId,
          severity,
          status,
          firstSeenAt: inDays(-daysAgo),
          lastSeenAt: clock.now(),
          until: untilDays === undefined ? null : inDays(untilDays),
        },
      });
    expect((await getMyWork({ actor: kim, db, clock, input: {} })).findings).toEqual({ owned: 0, backup: 0, bySeverity: [], latest: [] });
    await finding(a.id, "not-rotated", "high", 5);
    await finding(a.id, "unused", "critical", 1, "accepted", -1);
    await finding(b.id, "human-use", "low", 3, "accepted", 10);
    await finding(b.id, "expiring-soon", "high", 2, "resolved");
    await finding(c.id, "lifetime-too-long", "high", 7, "postponed", 30);
    await finding(d.id, "unused", "critical", 1);
    await finding(e2.id, "review-overdue", "critical", 4);
    await finding(e2.id, "wildcard-scope", "high", 6);
    const withFindings = (await getMyWork({ actor: kim, db, clock, input: {} })).findings!;
    expect(withFindings).toMatchObject({
      owned: 2,
      backup: 2,
      bySeverity: [
        { severity: "critical", owned: 1, backup: 1 },
        { severity: "high", owned: 1, backup: 1 },
      ],
    });
    expect(withFindings.latest).toEqual([
      expect.objectContaining({ identityId: a.id, identityName: a.name, checkId: "unused", title: "Unused for longer than policy" }),
      expect.objectContaining({ identityId: a.id, checkId: "not-rotated", severity: "high", firstSeenAt: inDays(-5).toISOString() }),
    ]);
    // Lee owns e: two there, none backed up.
    expect((await getMyWork({ actor: lee, db, clock, input: {} })).findings).toMatchObject({ owned: 2, backup: 0 });
    // A caller who may not read the posture (a token scoped to My work alone) has no findings card.
    const token: TokenActor = {
      type: "token",
      tokenId: "00000000-0000-4000-8000-000000000021",
      tokenKind: "personal",
      label: "nhic_test0021 (kim)",
      scopes: ["console.view"],
      owner: { userId: kim.userId, email: kim.email, name: kim.name, roles: ["member"] },
      request: kim.request,
    };
    expect((await getMyWork({ actor: token, db, clock, input: {} })).findings).toBeNull();

    const e = event({ recipients: [kim.userId] });
    await emit(e);
    await dispatch();
    const after = await getMyWork({ actor: kim, db, clock, input: {} });
    expect(after.inbox.unread).toBe(1);
    expect(after.inbox.latest[0]!.title).toBe(e.title);
  });
});
