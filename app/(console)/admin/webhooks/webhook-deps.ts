import "server-only";
import { authSecret } from "@/lib/auth/secret";
import { getConfig } from "@/lib/config/env";
import { webhookSealingKey } from "@/lib/domain/webhooks/secrets";
import type { WebhookDeps } from "@/lib/domain/webhooks/webhook-input";

/**
 * What the webhook use-cases need from the server: the key that seals signing secrets (derived from
 * NEXTAUTH_SECRET, or the embedded database's generated secret, as sessions use), whether only https
 * receivers are accepted (production), and the public URL for links in payloads.
 */
export function webhookDeps(): WebhookDeps {
  const config = getConfig();
  return {
    sealingKey: webhookSealingKey(authSecret()),
    requireHttps: config.nodeEnv === "production",
    publicUrl: config.publicUrl,
  };
}

/** How deliveries are retried here (the WEBHOOK_* settings), for the pages to say so. */
export const webhookSettings = () => getConfig().webhooks;
