import { EVENT_TYPES, type EventType, isEventType } from "./event-types";

// The mails the console writes: plain text first (what every client shows), and the same in simple HTML
// with every text escaped. Links are the console's public URL followed by the entry's path, so a mail
// never points anywhere but the console.

export type MailEntry = { eventType: string; title: string; body: string; link: string; createdAt: Date };

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
export const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);

/** The console's address for a path of the console ("/registry/abc" -> "https://nhi.example.com/registry/abc"). */
export function deepLink(publicUrl: string, link: string): string {
  return `${publicUrl.replace(/\/+$/, "")}${link.startsWith("/") ? link : `/${link}`}`;
}

const why = (eventType: string) => (isEventType(eventType) ? EVENT_TYPES[eventType as EventType] : eventType);
const SUBJECT_MAX = 150;
const oneLine = (text: string) => {
  const line = text.replace(/\s+/g, " ").trim();
  return line.length > SUBJECT_MAX ? `${line.slice(0, SUBJECT_MAX - 1)}…` : line;
};

const FONT = "font-family:-apple-system,Segoe UI,Helvetica,Arial,sans-serif;color:#0f172a;font-size:14px;line-height:1.5";
const paragraphs = (text: string) =>
  text
    .split(/\n{2,}/)
    .filter((p) => p.trim())
    .map((p) => `<p style="margin:0 0 12px">${escapeHtml(p).replace(/\n/g, "<br>")}</p>`)
    .join("");
const button = (href: string, label: string) =>
  `<p style="margin:16px 0"><a href="${escapeHtml(href)}" style="display:inline-block;background:#0f172a;color:#ffffff;padding:8px 14px;border-radius:6px;text-decoration:none">${escapeHtml(label)}</a></p>`;

function footer(publicUrl: string, reason: string) {
  const settings = deepLink(publicUrl, "/settings/notifications");
  return {
    text: `--\n${reason}\nChoose what you receive: ${settings}`,
    html: `<hr style="border:none;border-top:1px solid #e2e8f0;margin:20px 0"><p style="margin:0;color:#475569;font-size:12px">${escapeHtml(reason)}<br><a href="${escapeHtml(settings)}" style="color:#475569">Choose what you receive</a></p>`,
  };
}

/** One entry's mail: its title as the subject, its text, and a link straight to the thing it is about. */
export function renderEntryMail(entry: MailEntry, publicUrl: string): { subject: string; text: string; html: string } {
  const url = deepLink(publicUrl, entry.link);
  const foot = footer(publicUrl, `You receive this because: ${why(entry.eventType).toLowerCase()}.`);
  const text = [entry.title, "", entry.body.trim(), "", `Open it in the NHI Console: ${url}`, "", foot.text]
    .filter((line, i, all) => !(line === "" && all[i - 1] === ""))
    .join("\n");
  const html =
    `<!doctype html><html><body style="${FONT}"><h1 style="font-size:18px;margin:0 0 12px">${escapeHtml(entry.title)}</h1>` +
    paragraphs(entry.body) +
    button(url, "Open in the NHI Console") +
    `<p style="margin:0;font-size:12px;color:#475569">Or copy this address: ${escapeHtml(url)}</p>` +
    foot.html +
    `</body></html>`;
  return { subject: oneLine(entry.title), text, html };
}

/** At most this many entries are listed one by one in a digest; the rest are counted, with a link to the inbox. */
export const DIGEST_LISTED = 50;

/** The daily digest: one mail listing the entries (newest first), each with its link. */
export function renderDigestMail(entries: readonly MailEntry[], publicUrl: string): { subject: string; text: string; html: string } {
  const listed = entries.slice(0, DIGEST_LISTED);
  const more = entries.length - listed.length;
  const inbox = deepLink(publicUrl, "/inbox");
  const count = `${entries.length.toLocaleString("en-US")} ${entries.length === 1 ? "notification" : "notifications"}`;
  const subject = `NHI Console: ${count} since your last digest`;
  const foot = footer(publicUrl, "You receive one digest a day instead of a mail per notification.");
  const text = [
    `${count} since your last digest:`,
    "",
    ...listed.flatMap((e) => [`* ${e.title}`, `  ${deepLink(publicUrl, e.link)}`]),
    ...(more > 0 ? ["", `…and ${more.toLocaleString("en-US")} more.`] : []),
    "",
    `Your inbox: ${inbox}`,
    "",
    foot.text,
  ].join("\n");
  const items = listed
    .map(
      (e) =>
        `<li style="margin:0 0 10px"><a href="${escapeHtml(deepLink(publicUrl, e.link))}" style="color:#0f172a;font-weight:600">${escapeHtml(e.title)}</a>` +
        (e.body.trim() ? `<br><span style="color:#475569">${escapeHtml(oneLine(e.body))}</span>` : "") +
        `</li>`,
    )
    .join("");
  const html =
    `<!doctype html><html><body style="${FONT}"><h1 style="font-size:18px;margin:0 0 12px">${escapeHtml(count)} since your last digest</h1>` +
    `<ul style="padding-left:20px;margin:0 0 12px">${items}</ul>` +
    (more > 0 ? `<p style="margin:0 0 12px">…and ${more.toLocaleString("en-US")} more.</p>` : "") +
    button(inbox, "Open your inbox") +
    foot.html +
    `</body></html>`;
  return { subject, text, html };
}
