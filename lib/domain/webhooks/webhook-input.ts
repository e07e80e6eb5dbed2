import { z } from "zod";
import { EVENT_TYPE_NAMES, type EventType } from "../notifications/event-types";
import { storableText } from "../shared/input";
import { safeText } from "../shared/safe-text";
import { WEBHOOK_FORMATS } from "./payload";

/** The event types an endpoint may subscribe to. The test event goes only where "Send test event" sends it. */
export const WEBHOOK_EVENT_TYPES = EVENT_TYPE_NAMES.filter((t) => t !== "webhook.test") as Exclude<EventType, "webhook.test">[];

export const URL_MAX = 2000;
export const NAME_MAX = 100;

/** What the use-cases are given by the server: the sealing key, the URL rule, the console's own address. */
export type WebhookDeps = {
  /** webhookSealingKey(NEXTAUTH_SECRET or the embedded database's secret). */
  sealingKey: Buffer;
  /** In production only https:// is accepted, except for a receiver on this machine (localhost, 127.0.0.0/8, ::1). */
  requireHttps: boolean;
  /** The console's public URL, to make event links absolute. */
  publicUrl?: string;
};

const LOOPBACK = /^(localhost|127(?:\.\d{1,3}){3}|\[::1\])$/i;
export const isLoopbackHost = (hostname: string) => LOOPBACK.test(hostname);

/**
 * Why a URL cannot be an endpoint, or null. http(s) only; no user name or password in it (the signature
 * is the authentication); with `requireHttps`, plain http only to this machine.
 */
export function urlProblem(value: string, requireHttps: boolean): string | null {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return "url must be a full address such as https://hooks.example.com/nhi";
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") return `url must start with https:// (not ${url.protocol}//)`;
  if (url.username || url.password) return "url must not contain a user name or password: receivers check the signature instead";
  if (!url.hostname) return "url must name a host";
  if (requireHttps && url.protocol === "http:" && !isLoopbackHost(url.hostname))
    return "url must use https:// (plain http:// is accepted only for a receiver on this machine: localhost or 127.0.0.1)";
  return null;
}

const urlField = (requireHttps: boolean) =>
  storableText("url")
    .trim()
    .min(1, "url is required")
    .max(URL_MAX, `url must be at most ${URL_MAX} characters`)
    .superRefine((value, ctx) => {
      const problem = urlProblem(value, requireHttps);
      if (problem) ctx.addIssue({ code: "custom", message: problem });
    });

const nameField = safeText("name").trim().min(1, "name is required").max(NAME_MAX, `name must be at most ${NAME_MAX} characters`);

const eventTypesField = z.preprocess(
  // A script may send "a,b"; a form sends the checked boxes.
  (v) =>
    typeof v === "string"
      ? v
          .split(",")
          .map((s) => s.trim())
          .filter(Boolean)
      : v,
  z
    .array(z.string({ error: "eventTypes must be a list of event type names" }), { error: "eventTypes must be a list of event types" })
    .max(50, "eventTypes lists too many types")
    // Checked on the whole list, so the message is the field's (not "eventTypes.3").
    .superRefine((types, ctx) => {
      const unknown = types.filter((t) => !(WEBHOOK_EVENT_TYPES as string[]).includes(t));
      if (unknown.length > 0)
        ctx.addIssue({
          code: "custom",
          message: `eventTypes has ${unknown.map((t) => JSON.stringify(t.slice(0, 60))).join(", ")}, ${unknown.length === 1 ? "which is not an event type" : "which are not event types"} (choose among ${WEBHOOK_EVENT_TYPES.join(", ")})`,
        });
      else if (types.length === 0) ctx.addIssue({ code: "custom", message: "eventTypes must include at least one event type" });
    })
    .transform((types) => [...new Set(types)].sort()),
);

const formatField = z.enum(WEBHOOK_FORMATS, { error: `format must be one of ${WEBHOOK_FORMATS.join(", ")}` });

export const endpointIdField = z.uuid("id must be a webhook endpoint id");

export const createEndpointSchema = (requireHttps: boolean) =>
  z.object({
    name: nameField,
    url: urlField(requireHttps),
    eventTypes: eventTypesField,
    format: z.preprocess((v) => (v === "" || v === undefined || v === null ? "json" : v), formatField),
  });

export const updateEndpointSchema = (requireHttps: boolean) =>
  z.object({
    id: endpointIdField,
    name: nameField.optional(),
    url: urlField(requireHttps).optional(),
    eventTypes: eventTypesField.optional(),
    format: formatField.optional(),
    enabled: z.boolean({ error: "enabled must be true or false" }).optional(),
  });

export const endpointIdSchema = z.object({ id: endpointIdField });
