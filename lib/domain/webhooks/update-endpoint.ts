import { actorLabel } from "../authz/actor";
import { defineMutation } from "../shared/define-mutation";
import { endpointTarget, endpointView, toEndpointDto } from "./webhook-dto";
import { type WebhookDeps, updateEndpointSchema } from "./webhook-input";
import { consoleTarget, loadEndpoint, webhookLockKey, webhookSubject } from "./webhook-mutation";

/**
 * An admin changes an endpoint's name, URL, event types or format, or disables or enables it. Enabling
 * clears the reason it was disabled and its failure count, and deliveries still waiting resume. The audit
 * event names only what changed.
 */
export const updateWebhookEndpoint = (deps: WebhookDeps) =>
  defineMutation({
    action: "webhook.manage",
    input: updateEndpointSchema(deps.requireHttps),
    lockKey: (input) => webhookLockKey(input.id),
    load: consoleTarget,
    subject: webhookSubject,
    async change({ tx, actor, clock, input }) {
      const current = await loadEndpoint(tx, input.id);
      const data: Parameters<typeof tx.webhookEndpoint.update>[0]["data"] = {};
      if (input.name !== undefined && input.name !== current.name) data.name = input.name;
      if (input.url !== undefined && input.url !== current.url) data.url = input.url;
      if (input.eventTypes !== undefined && input.eventTypes.join(",") !== [...current.eventTypes].sort().join(","))
        data.eventTypes = input.eventTypes;
      if (input.format !== undefined && input.format !== current.format) data.format = input.format;
      if (input.enabled === true && !current.enabled)
        Object.assign(data, { enabled: true, disabledAt: null, disabledReason: null, consecutiveFailures: 0 });
      if (input.enabled === false && current.enabled)
        Object.assign(data, { enabled: false, disabledAt: clock.now(), disabledReason: `disabled by ${actorLabel(actor)}` });
      if (Object.keys(data).length === 0) return { result: toEndpointDto(current), events: [] };
      const updated = await tx.webhookEndpoint.update({ where: { id: current.id }, data });
      const before = endpointView(current);
      const after = endpointView(updated);
      const changed = (Object.keys(after) as (keyof typeof after)[]).filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]));
      const pick = (view: typeof after) => Object.fromEntries(changed.map((k) => [k, view[k]]));
      const action =
        changed.length === 1 && changed[0] === "enabled" ? (updated.enabled ? "webhook.enable" : "webhook.disable") : "webhook.update";
      return {
        result: toEndpointDto(updated),
        events: { action, target: endpointTarget(updated), before: pick(before), after: pick(after) },
      };
    },
  });
