import { EVENT_TYPES } from "@/lib/domain/notifications/event-types";
import { FORMAT_LABELS, WEBHOOK_FORMATS } from "@/lib/domain/webhooks/payload";
import { WEBHOOK_EVENT_TYPES } from "@/lib/domain/webhooks/webhook-input";

/** What the forms offer, from the domain's vocabularies (client components receive them as props). */
export const EVENT_CHOICES = WEBHOOK_EVENT_TYPES.map((value) => ({ value, label: EVENT_TYPES[value] }));
export const FORMAT_CHOICES = WEBHOOK_FORMATS.map((value) => ({ value, label: FORMAT_LABELS[value] }));
