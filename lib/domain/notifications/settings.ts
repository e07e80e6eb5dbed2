import { z } from "zod";
import { actingPerson } from "../authz/actor";
import { enforce } from "../authz/enforce";
import { can } from "../authz/policy";
import { defineMutation } from "../shared/define-mutation";
import type { UseCaseArgs } from "../shared/use-case";
import { EVENT_TYPE_NAMES, EVENT_TYPES, type EventType } from "./event-types";
import { inboxOwner } from "./list-inbox";

export type NotificationSettingsDto = {
  /** Mail at all (off: the inbox only). */
  email: boolean;
  /** One mail a day listing what arrived, instead of one mail per entry. */
  digest: boolean;
  /** Event types the person does not want, neither in the inbox nor by mail. */
  mutedEvents: EventType[];
  lastDigestAt: string | null;
  /** The event types there are, with what each means, to choose from. */
  eventTypes: { type: EventType; label: string }[];
};

/** Event types a person may mute: webhook.test goes to endpoints, never to people. */
export const MUTABLE_EVENT_TYPES = EVENT_TYPE_NAMES.filter((t) => t !== "webhook.test");

/** The signed-in person's notification preferences (the defaults until they change one: mail on, every type). */
export async function getNotificationSettings({ actor, db, clock }: UseCaseArgs): Promise<NotificationSettingsDto> {
  await enforce(db, clock, actor, "notification.settings");
  const userId = inboxOwner({ actor });
  const row = await db.notificationSettings.findUnique({ where: { userId } });
  return {
    email: row?.email ?? true,
    digest: row?.digest ?? false,
    mutedEvents: (row?.mutedEvents ?? []).filter((t): t is EventType => (EVENT_TYPE_NAMES as string[]).includes(t)),
    lastDigestAt: row?.lastDigestAt?.toISOString() ?? null,
    // Kinds only some roles ever receive are offered to those who may see what they are about.
    eventTypes: MUTABLE_EVENT_TYPES.filter(
      (type) => !(type.startsWith("job.") && !can(actor, "job.list")) && !(type.startsWith("webhook.") && !can(actor, "webhook.read")),
    ).map((type) => ({ type, label: EVENT_TYPES[type] })),
  };
}

const flag = (field: string) =>
  z.union([z.boolean(), z.enum(["true", "false", "on", "off"]).transform((v) => v === "true" || v === "on")], {
    error: `${field} must be true or false`,
  });

export const notificationSettingsSchema = z.object({
  email: flag("email"),
  digest: flag("digest"),
  mutedEvents: z
    .array(
      z.enum(MUTABLE_EVENT_TYPES as [EventType, ...EventType[]], {
        error: `each muted event must be one of ${MUTABLE_EVENT_TYPES.join(", ")}`,
      }),
      {
        error: "mutedEvents must be a list of event types",
      },
    )
    .max(100, "mutedEvents has too many entries")
    .transform((types) => [...new Set(types)].sort()),
});

/**
 * Changes the signed-in person's preferences (a person's own choice: never an API token's). Recorded with
 * what changed. Takes effect for what arrives next; entries already waiting for a digest still go in it.
 */
export const updateNotificationSettings = defineMutation({
  action: "notification.settings",
  input: notificationSettingsSchema,
  lockKey: (_input, actor) => `notification-settings:${inboxOwner({ actor })}`,
  load: async () => ({ type: "console" as const }),
  async change({ tx, actor, input }) {
    const userId = inboxOwner({ actor });
    const before = await tx.notificationSettings.findUnique({
      where: { userId },
      select: { email: true, digest: true, mutedEvents: true },
    });
    const previous = {
      email: before?.email ?? true,
      digest: before?.digest ?? false,
      mutedEvents: [...(before?.mutedEvents ?? [])].sort(),
    };
    const next: typeof previous = { email: input.email, digest: input.digest, mutedEvents: input.mutedEvents };
    await tx.notificationSettings.upsert({ where: { userId }, create: { userId, ...next }, update: next });
    const changed = (Object.keys(next) as (keyof typeof next)[]).filter((k) => JSON.stringify(previous[k]) !== JSON.stringify(next[k]));
    const pick = (o: typeof next) => Object.fromEntries(changed.map((k) => [k, o[k]]));
    return {
      result: next,
      events: {
        target: { type: "user", id: userId, label: actingPerson(actor)?.email ?? null },
        reason: changed.length ? `changed: ${changed.join(", ")}` : "nothing changed",
        before: pick(previous),
        after: pick(next),
      },
    };
  },
});
