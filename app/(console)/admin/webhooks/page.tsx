import { WebhookCreateForm } from "@/components/admin/webhook-form";
import { WebhookTable } from "@/components/admin/webhook-table";
import { Alert } from "@/components/ui/alert";
import { PageHeader } from "@/components/ui/page-header";
import { PageProblem } from "@/components/ui/page-problem";
import { requireActor } from "@/lib/auth/actor";
import { runAsActor } from "@/lib/auth/run-as-actor";
import { mayAttempt } from "@/lib/domain/authz/policy";
import { listWebhookEndpoints } from "@/lib/domain/webhooks/list-endpoints";
import { FORMAT_LABELS } from "@/lib/domain/webhooks/payload";
import { REPLAY_WINDOW_SECONDS } from "@/lib/domain/webhooks/signature";
import { EVENT_CHOICES, FORMAT_CHOICES } from "./choices";
import { webhookSettings } from "./webhook-deps";

export const metadata = { title: "Webhooks" };

export default async function WebhooksPage() {
  const actor = await requireActor();
  const result = await runAsActor(listWebhookEndpoints, {});
  if (!result.ok && result.code === "FORBIDDEN") return <PageProblem kind="forbidden" message={result.message} />;
  const mayManage = mayAttempt(actor, "webhook.manage").allowed;
  const settings = webhookSettings();
  const waits = [1, 2, 3].map((n) => duration(settings.retryBaseMs * 4 ** (n - 1))).join(", ");
  return (
    <>
      <PageHeader
        title="Webhooks"
        description="The console POSTs the events you choose to your endpoints as they happen: to your own receiver as signed JSON, or straight into a Slack or Teams channel. Failed deliveries are retried with growing waits; an endpoint that keeps failing is disabled, with the reason shown here."
      />
      <section aria-labelledby="how-webhooks-work" className="mb-6 rounded-lg border border-slate-200 bg-white p-4 text-sm">
        <h2 id="how-webhooks-work" className="text-base font-semibold">
          What a receiver gets
        </h2>
        <ul className="mt-2 list-disc space-y-1 pl-5 text-slate-700">
          <li>
            A POST with a JSON body and <code>X-NHI-Event</code> (the event type), <code>X-NHI-Delivery</code> (an id to ignore duplicates
            by) and <code>X-NHI-Signature: t=&lt;unix seconds&gt;,v1=&lt;hex&gt;</code>.
          </li>
          <li>
            To verify: compute HMAC-SHA256 with the endpoint&apos;s signing secret over <code>{"<t>.<body>"}</code> and compare it with{" "}
            <code>v1</code>; refuse a <code>t</code> more than {REPLAY_WINDOW_SECONDS / 60} minutes from your clock (a replay). The
            console&apos;s documentation (docs/webhooks.md) has a snippet to copy.
          </li>
          <li>
            Answer with any 2xx within {settings.timeoutMs / 1000} seconds. Anything else (a redirect too: redirects are not followed) is
            retried after {waits}, … up to {settings.maxAttempts} attempts in all; after {settings.disableAfterFailures} failed attempts in
            a row the endpoint is disabled, and every admin is told.
          </li>
        </ul>
      </section>
      {mayManage && <WebhookCreateForm eventTypes={EVENT_CHOICES} formats={FORMAT_CHOICES} />}
      <h2 className="mb-2 text-lg font-semibold">Endpoints</h2>
      {result.ok ? (
        <WebhookTable endpoints={result.data.endpoints} formats={FORMAT_LABELS} now={new Date()} />
      ) : (
        <Alert tone="error">{result.message}</Alert>
      )}
    </>
  );
}

/** 30000 -> "30 s", 120000 -> "2 min", 7680000 -> "2 h 8 min". */
function duration(ms: number): string {
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s} s`;
  if (s < 3600) return s % 60 ? `${Math.floor(s / 60)} min ${s % 60} s` : `${s / 60} min`;
  const m = Math.round((s % 3600) / 60);
  return `${Math.floor(s / 3600)} h${m ? ` ${m} min` : ""}`;
}
