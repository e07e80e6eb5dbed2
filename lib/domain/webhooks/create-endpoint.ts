import { randomUUID } from "node:crypto";
import { defineMutation } from "../shared/define-mutation";
import { generateSigningSecret, sealSecret, secretHint } from "./secrets";
import { endpointTarget, endpointView, toEndpointDto, type WebhookEndpointDto } from "./webhook-dto";
import { createEndpointSchema, type WebhookDeps } from "./webhook-input";
import { consoleTarget, webhookLockKey } from "./webhook-mutation";

/** The new endpoint and its signing secret: the one time the secret is shown. */
export type CreatedEndpoint = { endpoint: WebhookEndpointDto; secret: string };

/**
 * An admin adds an endpoint: a name, an http(s) URL, the event types it receives and the body format. The
 * console generates its signing secret, stores it sealed and returns it this once; the audit event records
 * only its last four characters.
 */
export const createWebhookEndpoint = (deps: WebhookDeps) =>
  defineMutation({
    action: "webhook.manage",
    input: createEndpointSchema(deps.requireHttps),
    lockKey: () => webhookLockKey("new"),
    load: consoleTarget,
    async change({ tx, actor, clock, input }) {
      const id = randomUUID();
      const secret = generateSigningSecret();
      const endpoint = await tx.webhookEndpoint.create({
        data: {
          id,
          name: input.name,
          url: input.url,
          eventTypes: input.eventTypes,
          format: input.format,
          secretSealed: sealSecret(deps.sealingKey, secret, id),
          secretHint: secretHint(secret),
          createdById: actor.type === "user" ? actor.userId : null,
          createdAt: clock.now(),
        },
      });
      const result: CreatedEndpoint = { endpoint: toEndpointDto(endpoint), secret };
      return { result, events: { action: "webhook.create", target: endpointTarget(endpoint), after: endpointView(endpoint) } };
    },
  });
