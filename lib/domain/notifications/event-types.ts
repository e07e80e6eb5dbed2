// The events the console tells people and machines about. A workflow records one with emitEvent in the
// transaction of the action that causes it; the dispatch job turns it into inbox entries, mails and webhook
// deliveries. Adding a type here makes it selectable in preferences and webhook endpoints.

export const EVENT_TYPES = {
  "review.assigned": "Items to review were assigned to you",
  "review.reminder": "Reminder: items still waiting for your decision",
  "review.overdue": "A review is overdue",
  "review.escalated": "An overdue review item was escalated to you",
  "review.remediation": "A review outcome must be carried out in the system that holds the identity",
  "review.closed": "An access review closed",
  "breakglass.requested": "A break-glass request waits for approval",
  "breakglass.decided": "A break-glass request was approved or denied",
  "breakglass.endingSoon": "A break-glass grant ends soon",
  "breakglass.expired": "A break-glass grant ended",
  "breakglass.emergency": "An emergency break-glass elevation activated at once",
  "breakglass.afterActionDue": "A break-glass after-action review is due",
  "grant.activated": "An elevated scope became active (for provisioning automation)",
  "grant.ended": "An elevated scope ended (for provisioning automation)",
  "grant.revoked": "An elevated scope was revoked (for provisioning automation)",
  "identity.credentialExpired": "An identity you own has an expired credential",
  "finding.opened": "A posture finding opened on an identity you own",
  "identity.credentialExpiring": "An identity you own has a credential about to expire",
  "token.expiring": "An API token you own expires soon",
  "job.failed": "A console job failed",
  "webhook.disabled": "A webhook endpoint was disabled after repeated failures",
  "webhook.test": "Test event",
} as const;

export type EventType = keyof typeof EVENT_TYPES;
export const EVENT_TYPE_NAMES = Object.keys(EVENT_TYPES) as EventType[];
export const isEventType = (value: string): value is EventType => value in EVENT_TYPES;

/**
 * An event as a workflow states it. Never a secret: ids, labels, dates and counts only (emitEvent checks the
 * texts with the secret detector and refuses one that looks like a secret).
 */
export type DomainEvent = {
  type: EventType;
  /** The people to tell (user ids): inbox entries and, by their preferences, mail. */
  recipients: readonly string[];
  /** One line: "12 items to review, due Friday 28 November". */
  title: string;
  /** A few sentences of plain text. */
  body: string;
  /** A path in the console ("/reviews/abc?mine=1") the entry, its mail and the webhook point to. */
  link: string;
  /**
   * What makes two events the same for a person: a reminder about the same thing carries the same key, so
   * it refreshes the entry instead of adding one, and never sends a second mail.
   */
  dedupeKey: string;
  /** Facts for webhook receivers (ids, names, dates). */
  data: Record<string, unknown>;
};
