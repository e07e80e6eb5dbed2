import { enforce } from "../authz/enforce";
import type { JobDefinition } from "../jobs/job-definition";
import { checkCredentials } from "./credential-check";
import { sendDigests, sendPendingMails } from "./deliver-mail";
import { dispatchOutbox } from "./dispatch";
import type { Mailer } from "./mailer";

export type NotificationJobDeps = {
  /** null when SMTP_URL is not set: entries stay in the inbox, their mail `skipped`. */
  mailer: Mailer | null;
  /** The console's public URL, the start of every deep link in a mail. */
  publicUrl: string;
};

const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString("en-US")} ${n === 1 ? one : many}`;

/** The jobs that deliver notifications, and the recurring check that produces credential warnings. */
export function notificationJobs({ mailer, publicUrl }: NotificationJobDeps): JobDefinition[] {
  return [
    {
      handler: "notifications.dispatch",
      description: "Turns recorded events into inbox entries (and mails, webhook deliveries to send)",
      schedule: "*/5 * * * * *",
      async run({ db, clock, actor }) {
        await enforce(db, clock, actor, "notification.dispatch");
        let total = { events: 0, entries: 0, webhooks: 0 };
        // A few batches per run at most, so one run never holds on for long after a burst.
        for (let i = 0; i < 10; i += 1) {
          const r = await dispatchOutbox(db, clock, { mailEnabled: mailer !== null, publicUrl });
          total = { events: total.events + r.events, entries: total.entries + r.entries, webhooks: total.webhooks + r.webhooks };
          if (r.events === 0) break;
        }
        if (total.events === 0) return { summary: "nothing to dispatch", idle: true };
        return {
          summary: `${plural(total.events, "event")}: ${plural(total.entries, "inbox entry", "inbox entries")}, ${plural(total.webhooks, "webhook delivery", "webhook deliveries")}`,
        };
      },
    },
    {
      handler: "notifications.email",
      description: "Sends the mail of new inbox entries (retried with backoff, then marked failed)",
      schedule: "*/10 * * * * *",
      async run({ db, clock, actor }) {
        await enforce(db, clock, actor, "notification.deliver");
        if (!mailer) return { summary: "no SMTP server configured (SMTP_URL): mail is off", idle: true };
        const r = await sendPendingMails(db, clock, mailer, publicUrl);
        const parts = [
          r.sent && `${plural(r.sent, "mail")} sent`,
          r.retrying && `${plural(r.retrying, "mail")} to retry`,
          r.failed && `${plural(r.failed, "mail")} failed`,
          r.skipped && `${plural(r.skipped, "mail")} skipped`,
        ].filter(Boolean);
        return parts.length ? { summary: parts.join(", ") } : { summary: "no mail to send", idle: true };
      },
    },
    {
      handler: "notifications.digest",
      description: "Sends each person who chose the daily digest one mail listing what arrived",
      schedule: "0 8 * * *",
      async run({ db, clock, actor }) {
        await enforce(db, clock, actor, "notification.deliver");
        if (!mailer) return { summary: "no SMTP server configured (SMTP_URL): mail is off" };
        const r = await sendDigests(db, clock, mailer, publicUrl);
        return {
          summary:
            `${plural(r.digests, "digest")} sent (${plural(r.entries, "entry", "entries")})` +
            (r.failed ? `, ${plural(r.failed, "digest")} failed` : "") +
            (r.skipped ? `, ${plural(r.skipped, "entry", "entries")} skipped` : ""),
        };
      },
    },
    {
      handler: "identities.credentialCheck",
      description: "Tells owners about credentials that expired or expire within 7 days (once per credential and date)",
      schedule: "0 * * * *",
      async run({ db, clock, actor }) {
        await enforce(db, clock, actor, "notification.dispatch");
        const r = await checkCredentials(db, clock);
        return {
          summary:
            `${plural(r.events, "credential")} announced` +
            (r.refused ? `, ${plural(r.refused, "credential")} left out (a name or handle looks like a secret)` : ""),
        };
      },
    },
  ];
}
