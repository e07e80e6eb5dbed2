import { defineMutation } from "../shared/define-mutation";
import { generateSigningSecret, sealSecret, secretHint } from "./secrets";
import { endpointTarget, toEndpointDto, type WebhookEndpointDto } from "./webhook-dto";
import { endpointIdSchema, type WebhookDeps } from "./webhook-input";
import { consoleTarget, loadEndpoint, webhookLockKey, webhookSubject } from "./webhook-mutation";

/**
 * An admin replaces an endpoint's signing secret: the new one is returned this once, and every delivery
 * from now on (retries of earlier events included) is signed with it; the old one stops working at once.
 */
export const rotateWebhookSecret = (deps: WebhookDeps) =>
  defineMutation({
    action: "webhook.manage",
    input: endpointIdSchema,
    lockKey: (input) => webhookLockKey(input.id),
    load: consoleTarget,
    subject: webhookSubject,
    async change({ tx, input }) {
      const current = await loadEndpoint(tx, input.id);
      const secret = generateSigningSecret();
      const updated = await tx.webhookEndpoint.update({
        where: { id: current.id },
        data: { secretSealed: sealSecret(deps.sealingKey, secret, current.id), secretHint: secretHint(secret) },
      });
      const result: { endpoint: WebhookEndpointDto; secret: string } = { endpoint: toEndpointDto(updated), secret };
      return {
        result,
        events: {
          action: "webhook.rotateSecret",
          target: endpointTarget(updated),
          before: { secretHint: `…${current.secretHint}` },
          after: { secretHint: `…${updated.secretHint}` },
        },
      };
    },
  });
