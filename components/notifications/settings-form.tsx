"use client";

import { useState } from "react";
import { updateNotificationSettingsAction } from "@/app/(console)/settings/notifications/actions";
import type { EventType } from "@/lib/domain/notifications/event-types";
import type { NotificationSettingsDto } from "@/lib/domain/notifications/settings";
import { Button } from "../ui/button";
import { Checkbox } from "../ui/controls";
import { FormStatus } from "../ui/form-status";
import { useActionForm } from "../ui/use-action-form";

/** The groups people think in, by the event type's prefix. */
const GROUPS: { prefix: string; title: string }[] = [
  { prefix: "identity.", title: "Identities you own" },
  { prefix: "review.", title: "Access reviews" },
  { prefix: "breakglass.", title: "Break-glass" },
  { prefix: "token.", title: "API tokens" },
  { prefix: "job.", title: "Console jobs (admins)" },
  { prefix: "webhook.", title: "Webhooks (admins)" },
];

/**
 * Mail on or off, one mail per entry or a daily digest, and which kinds of event to hear about at all. Saved
 * together; the page shows what is stored after each save.
 */
export function NotificationSettingsForm({ settings }: { settings: NotificationSettingsDto }) {
  const [email, setEmail] = useState(settings.email);
  // Kept while mail is off (a disabled radio is not submitted), so turning mail back on restores it.
  const [digest, setDigest] = useState(settings.digest);
  const save = useActionForm(updateNotificationSettingsAction, { success: "Saved. Your choices apply to what arrives from now on." });
  const muted = new Set(settings.mutedEvents);
  const groups = GROUPS.map((g) => ({ ...g, types: settings.eventTypes.filter((t) => t.type.startsWith(g.prefix)) })).filter(
    (g) => g.types.length > 0,
  );
  return (
    <form
      noValidate
      className="flex max-w-3xl flex-col gap-6"
      onSubmit={save.onSubmit((_text, data) => {
        const kept = new Set(data.getAll("events").map(String));
        return {
          email,
          digest,
          mutedEvents: settings.eventTypes.map((t) => t.type).filter((t): t is EventType => !kept.has(t)),
        };
      })}
    >
      <section aria-labelledby="mail-heading" className="rounded-lg border border-slate-200 bg-white p-4">
        <h2 id="mail-heading" className="text-base font-semibold">
          Mail
        </h2>
        <Checkbox
          name="email"
          className="mt-3"
          checked={email}
          onChange={(e) => setEmail(e.target.checked)}
          label="Send me mail about what I keep below (off: the inbox only)"
        />
        <fieldset className="mt-4 flex flex-col gap-2" disabled={!email} aria-describedby="delivery-hint">
          <legend className="text-sm font-medium text-slate-700">How often</legend>
          <label className="flex items-center gap-2 text-sm">
            <input
              type="radio"
              name="delivery"
              value="each"
              checked={!digest}
              onChange={() => setDigest(false)}
              className="h-4 w-4 accent-slate-900"
            />
            One mail for each entry, as it happens
          </label>
          <label className="flex items-center gap-2 text-sm">
            <input
              type="radio"
              name="delivery"
              value="digest"
              checked={digest}
              onChange={() => setDigest(true)}
              className="h-4 w-4 accent-slate-900"
            />
            One daily digest listing everything new (sent at 08:00 server time)
          </label>
          <span id="delivery-hint" className="text-xs text-slate-600">
            Never more than one mail per entry: a reminder about the same thing updates the entry in your inbox without mailing you again.
          </span>
        </fieldset>
      </section>

      <section aria-labelledby="events-heading" className="rounded-lg border border-slate-200 bg-white p-4">
        <h2 id="events-heading" className="text-base font-semibold">
          What to tell me about
        </h2>
        <p className="mt-1 text-sm text-slate-600">Unticked kinds reach you neither in the inbox nor by mail.</p>
        <div className="mt-3 grid gap-4 sm:grid-cols-2">
          {groups.map((group) => (
            <fieldset key={group.prefix} className="flex flex-col gap-1.5">
              <legend className="mb-1 text-sm font-medium text-slate-700">{group.title}</legend>
              {group.types.map((t) => (
                <Checkbox key={t.type} name="events" value={t.type} defaultChecked={!muted.has(t.type)} label={t.label} />
              ))}
            </fieldset>
          ))}
        </div>
        {save.errors.mutedEvents && <p className="mt-2 text-xs font-medium text-red-700">{save.errors.mutedEvents.join(", ")}</p>}
      </section>

      <div className="flex items-center gap-4">
        <Button type="submit" variant="primary" pending={save.pending} pendingLabel="Saving…">
          Save settings
        </Button>
        <FormStatus message={save.message} />
      </div>
    </form>
  );
}
