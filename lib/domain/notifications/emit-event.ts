import { insertRows } from "@/lib/db/insert-rows";
import type { Tx } from "@/lib/db/types";
import type { Clock } from "../shared/clock";
import { DomainError } from "../shared/errors";
import { scanTexts } from "../shared/secret-detector";
import { type DomainEvent, isEventType } from "./event-types";

// The one way a workflow tells people about something: an OutboxEvent row written in the workflow's own
// transaction. If the action rolls back, nobody hears of it; if it commits, the dispatch job delivers it
// (inbox, mail, webhooks) later, so a mail server or receiver that is down never fails the action.

export const LIMITS = { title: 200, body: 4_000, link: 1_000, dedupeKey: 300, recipients: 1_000 } as const;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// Text PostgreSQL (and JSON) cannot hold, or that would break a mail header.
const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** A problem with one event, named by its field ("title", "data.reason"). */
export type EventProblem = { index: number; field: string; message: string };

function shapeProblems(event: DomainEvent, index: number): EventProblem[] {
  const problems: EventProblem[] = [];
  const add = (field: string, message: string) => problems.push({ index, field, message });
  if (!isEventType(String(event.type))) add("type", `unknown event type ${JSON.stringify(event.type)}`);
  const text = (field: "title" | "body" | "link" | "dedupeKey", required: boolean) => {
    const value = event[field];
    if (typeof value !== "string") return add(field, `${field} must be text`);
    if (required && !value.trim()) add(field, `${field} is required`);
    if (value.length > LIMITS[field]) add(field, `${field} must be at most ${LIMITS[field]} characters`);
    if (UNSTORABLE.test(value)) add(field, `${field} contains a character that cannot be stored`);
  };
  text("title", true);
  text("body", false);
  text("link", true);
  text("dedupeKey", true);
  if (typeof event.title === "string" && /[\r\n]/.test(event.title)) add("title", "title must be one line");
  // A path on this site: the mail's deep link is the console's public URL followed by it.
  if (typeof event.link === "string" && (!event.link.startsWith("/") || event.link.startsWith("//") || /[\s\\]/.test(event.link)))
    add("link", 'link must be a path in the console, starting with one "/" ("/registry/…")');
  if (!Array.isArray(event.recipients)) add("recipients", "recipients must be a list of user ids");
  else {
    if (event.recipients.length > LIMITS.recipients) add("recipients", `at most ${LIMITS.recipients} recipients per event`);
    if (event.recipients.some((r) => typeof r !== "string" || !UUID.test(r))) add("recipients", "each recipient must be a user id");
  }
  if (event.data === null || typeof event.data !== "object" || Array.isArray(event.data)) add("data", "data must be an object");
  return problems;
}

/** Every string of a JSON-like value, with its path ("data.owner.name"). */
function strings(value: unknown, path: string, out: { field: string; text: string }[]): void {
  if (typeof value === "string") out.push({ field: path, text: value });
  else if (Array.isArray(value)) value.forEach((v, i) => strings(v, `${path}.${i}`, out));
  else if (value && typeof value === "object") for (const [k, v] of Object.entries(value)) strings(v, `${path}.${k}`, out);
}

/**
 * The problems of each event: its shape, and any text that looks like a secret (title, body, link, key and
 * every string in data; all events checked in one pass of the secret detector). Empty when all are fine.
 */
export async function checkEvents(events: readonly DomainEvent[]): Promise<EventProblem[]> {
  const problems = events.flatMap(shapeProblems);
  const texts: { index: number; field: string; text: string }[] = [];
  events.forEach((event, index) => {
    const found: { field: string; text: string }[] = [];
    for (const field of ["title", "body", "link", "dedupeKey"] as const) strings(event[field], field, found);
    strings(event.data, "data", found);
    for (const f of found) texts.push({ index, ...f });
  });
  const spans = await scanTexts(texts.map((t) => t.text));
  texts.forEach((t, i) => {
    const kind = spans[i]?.[0]?.kind;
    if (kind)
      problems.push({ index: t.index, field: t.field, message: `${t.field} looks like ${kind}: a notification never carries a secret` });
  });
  return problems;
}

/**
 * Records events in the caller's transaction (one INSERT for all of them). An event with a problem (a text
 * that looks like a secret, an unknown type, a link off the site) is refused with a VALIDATION error naming
 * the field, and nothing is written: the caller's action fails rather than leak a secret into mail.
 */
export async function emitEvents(tx: Tx, clock: Clock, events: readonly DomainEvent[]): Promise<number> {
  if (events.length === 0) return 0;
  const problems = await checkEvents(events);
  if (problems.length > 0) {
    const fieldErrors: Record<string, string[]> = {};
    for (const p of problems) (fieldErrors[`event.${p.field}`] ??= []).push(p.message);
    const first = problems[0]!;
    throw new DomainError("VALIDATION", `The notification could not be recorded: ${first.message}.`, fieldErrors);
  }
  const at = clock.now().toISOString();
  await insertRows(
    tx,
    "OutboxEvent",
    { type: "text", at: "timestamptz", payload: "jsonb" },
    events.map((event) => ({
      type: event.type,
      at,
      payload: {
        type: event.type,
        recipients: [...new Set(event.recipients.map((r) => r.toLowerCase()))],
        title: event.title,
        body: event.body,
        link: event.link,
        dedupeKey: event.dedupeKey,
        data: event.data,
      },
    })),
  );
  return events.length;
}

/** One event, in the caller's transaction (see emitEvents). */
export function emitEvent(tx: Tx, clock: Clock, event: DomainEvent): Promise<number> {
  return emitEvents(tx, clock, [event]);
}
