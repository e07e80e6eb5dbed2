import { defineMutation } from "../shared/define-mutation";
import { endpointTarget, endpointView } from "./webhook-dto";
import { endpointIdSchema } from "./webhook-input";
import { consoleTarget, loadEndpoint, webhookLockKey, webhookSubject } from "./webhook-mutation";

/** An admin deletes an endpoint, its delivery log with it; waiting deliveries are never sent. */
export const deleteWebhookEndpoint = defineMutation({
  action: "webhook.manage",
  input: endpointIdSchema,
  lockKey: (input) => webhookLockKey(input.id),
  load: consoleTarget,
  subject: webhookSubject,
  async change({ tx, input }) {
    const current = await loadEndpoint(tx, input.id);
    const deliveries = await tx.webhookDelivery.count({ where: { endpointId: current.id } });
    await tx.webhookEndpoint.delete({ where: { id: current.id } });
    return {
      result: { id: current.id },
      events: { action: "webhook.delete", target: endpointTarget(current), before: { ...endpointView(current), deliveries } },
    };
  },
});
