import Link from "next/link";
import { notFound } from "next/navigation";
import { WebhookActions } from "@/components/admin/webhook-actions";
import { WebhookDeliveryLog } from "@/components/admin/webhook-delivery-log";
import { WebhookSettingsForm } from "@/components/admin/webhook-form";
import { RefreshWhile } from "@/components/ui/refresh-while";
import { EndpointStateBadge, utc } from "@/components/admin/webhook-status";
import { Alert } from "@/components/ui/alert";
import { buttonClass } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/page-header";
import { PageProblem } from "@/components/ui/page-problem";
import { requireActor } from "@/lib/auth/actor";
import { runAsActor } from "@/lib/auth/run-as-actor";
import { mayAttempt } from "@/lib/domain/authz/policy";
import { getWebhookEndpoint } from "@/lib/domain/webhooks/get-endpoint";
import { FORMAT_LABELS } from "@/lib/domain/webhooks/payload";
import { EVENT_CHOICES, FORMAT_CHOICES } from "../choices";

type Params = { status?: string; page?: string };

export const metadata = { title: "Webhook endpoint" };

export default async function WebhookPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<Params> }) {
  const { id } = await params;
  const query = await searchParams;
  const actor = await requireActor();
  const result = await runAsActor(getWebhookEndpoint, { id, status: query.status, page: query.page });
  if (!result.ok) {
    if (result.code === "FORBIDDEN") return <PageProblem kind="forbidden" message={result.message} />;
    // The console's not-found page (HTTP 404), as for an identity that does not exist.
    if (result.code === "NOT_FOUND" || result.fieldErrors?.id) notFound();
    return (
      <>
        <PageHeader title="Webhook endpoint" />
        <Alert tone="error">{result.message}</Alert>
        <p className="mt-4">
          <Link href={`/admin/webhooks/${id}`} className={buttonClass()}>
            Show all deliveries
          </Link>
        </p>
      </>
    );
  }
  const { endpoint, log } = result.data;
  const mayManage = mayAttempt(actor, "webhook.manage").allowed;
  const soon = Date.now() + 60_000;
  const moving = log.deliveries.some(
    (d) => d.status === "pending" || (d.status === "retrying" && d.nextAttemptAt !== null && Date.parse(d.nextAttemptAt) < soon),
  );
  return (
    <>
      <p className="mb-2 text-sm">
        <Link href="/admin/webhooks" className="underline">
          ‹ Webhooks
        </Link>
      </p>
      <PageHeader title={endpoint.name} description={`${FORMAT_LABELS[endpoint.format]} · POST ${endpoint.url}`} />
      {!endpoint.enabled && (
        <div className="mb-6" data-testid="webhook-disabled">
          <Alert tone="error">
            <strong>Disabled</strong>
            {endpoint.disabledAt && ` since ${utc(endpoint.disabledAt)}`}: {endpoint.disabledReason ?? "no reason recorded"}.{" "}
            {mayManage ? "Fix the receiver, then enable the endpoint below: deliveries still waiting are sent again." : ""}
          </Alert>
        </div>
      )}
      <dl className="mb-6 grid gap-x-6 gap-y-2 rounded-lg border border-slate-200 bg-white p-4 text-sm sm:grid-cols-[auto_1fr]">
        <dt className="font-medium">State</dt>
        <dd>
          <EndpointStateBadge enabled={endpoint.enabled} />
        </dd>
        <dt className="font-medium">Failed attempts in a row</dt>
        <dd data-testid="consecutive-failures">{endpoint.consecutiveFailures}</dd>
        <dt className="font-medium">Last successful delivery</dt>
        <dd>{utc(endpoint.health.lastDeliveredAt)}</dd>
        <dt className="font-medium">Waiting to be sent</dt>
        <dd>{endpoint.health.waiting}</dd>
        <dt className="font-medium">Signing secret</dt>
        <dd>
          ends in <code>…{endpoint.secretHint}</code> (shown in full only when it is made)
        </dd>
        <dt className="font-medium">Added</dt>
        <dd>{utc(endpoint.createdAt)}</dd>
      </dl>
      {mayManage && <WebhookActions endpoint={endpoint} />}
      {mayManage && <WebhookSettingsForm endpoint={endpoint} eventTypes={EVENT_CHOICES} formats={FORMAT_CHOICES} />}
      <WebhookDeliveryLog log={log} basePath={`/admin/webhooks/${endpoint.id}`} endpointEnabled={endpoint.enabled} />
      <RefreshWhile active={moving} everyMs={3_000} />
    </>
  );
}
