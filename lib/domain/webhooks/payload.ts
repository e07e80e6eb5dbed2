import type { DomainEvent } from "../notifications/event-types";

// The body each format sends, built once when the delivery is queued and stored as sent: every attempt sends
// the same bytes. An event carries no secret (emitEvent refuses one), so neither does a body.

export const WEBHOOK_FORMATS = ["json", "slack", "teams"] as const;
export type WebhookFormat = (typeof WEBHOOK_FORMATS)[number];
export const FORMAT_LABELS: Record<WebhookFormat, string> = {
  json: "JSON (signed envelope, for your own receiver)",
  slack: "Slack incoming webhook",
  teams: "Microsoft Teams incoming webhook",
};

export type EventForBody = { id: bigint; at: Date; event: Pick<DomainEvent, "type" | "title" | "body" | "link" | "data"> };

/** The event's link made absolute with the console's public URL (a path alone is useless to a chat channel). */
export function absoluteLink(link: string, publicUrl: string | undefined): string {
  if (!publicUrl || !link.startsWith("/") || link.startsWith("//")) return link;
  return `${publicUrl.replace(/\/+$/, "")}${link}`;
}

/** `{"id","type","createdAt","title","text","link","data"}`: the envelope receivers parse. */
function jsonBody({ id, at, event }: EventForBody, link: string): string {
  return JSON.stringify({
    id: `evt_${id}`,
    type: event.type,
    createdAt: at.toISOString(),
    title: event.title,
    text: event.body,
    link,
    data: event.data ?? {},
  });
}

/** Slack's mrkdwn: &, < and > are control characters and must be escaped. */
const slackEscape = (text: string) => text.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;");

/** A Slack incoming-webhook message: a `text` fallback (notifications) and the same as blocks. */
function slackBody({ event }: EventForBody, link: string): string {
  const title = slackEscape(event.title);
  const body = slackEscape(event.body);
  const linked = /^https?:\/\//.test(link) ? `<${link.replaceAll("|", "%7C").replaceAll(">", "%3E")}|Open in NHI Console>` : "";
  return JSON.stringify({
    text: `*${title}*${body ? `\n${body}` : ""}${linked ? `\n${linked}` : ""}`,
    blocks: [
      { type: "section", text: { type: "mrkdwn", text: `*${title}*${body ? `\n${body}` : ""}`.slice(0, 3000) } },
      {
        type: "context",
        elements: [{ type: "mrkdwn", text: `${slackEscape(event.type)}${linked ? ` · ${linked}` : ""}`.slice(0, 3000) }],
      },
    ],
  });
}

/** A Teams incoming-webhook MessageCard (its `text` is also what the newer Workflows webhooks read). */
function teamsBody({ event }: EventForBody, link: string): string {
  return JSON.stringify({
    "@type": "MessageCard",
    "@context": "https://schema.org/extensions",
    summary: event.title,
    title: event.title,
    text: event.body || event.title,
    ...(/^https?:\/\//.test(link)
      ? { potentialAction: [{ "@type": "OpenUri", name: "Open in NHI Console", targets: [{ os: "default", uri: link }] }] }
      : {}),
  });
}

export function buildBody(format: WebhookFormat, record: EventForBody, publicUrl: string | undefined): string {
  const link = absoluteLink(record.event.link, publicUrl);
  if (format === "slack") return slackBody(record, link);
  if (format === "teams") return teamsBody(record, link);
  return jsonBody(record, link);
}
