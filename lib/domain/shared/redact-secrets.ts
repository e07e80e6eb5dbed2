import { type SecretSpan, scanTexts } from "./secret-detector";

// Some values must be audited as typed but may not be refused: the email someone typed at sign-in, a search
// term, an export's filters. Those keep their shape with the secret part replaced, e.g.
// "token ghp_… please" -> "token [redacted: a GitHub token] please". The audit log applies this to every
// event before hashing (append-audit-event.ts), so nothing secret-looking can enter the chain.

const redaction = (kind: string) => `[redacted: ${kind}]`;

function redactSpans(text: string, spans: readonly SecretSpan[]): string {
  if (spans.length === 0) return text;
  let out = "";
  let at = 0;
  for (const span of spans) {
    // Spans are sorted by start; one that begins inside an earlier redaction is already gone.
    if (span.start < at) {
      if (span.end > at) at = span.end;
      continue;
    }
    out += text.slice(at, span.start) + redaction(span.kind);
    at = span.end;
  }
  return out + text.slice(at);
}

/** The text with each secret-looking part replaced by `[redacted: <kind>]`. */
export async function redactSecrets(text: string): Promise<string> {
  const [spans = []] = await scanTexts([text]);
  return redactSpans(text, spans);
}

/**
 * Every string inside a JSON-like value (arrays and plain objects, at any depth) redacted; keys, numbers and
 * other values stay. All strings are checked together, each distinct string once, in as few lint calls as
 * their size allows: an import's thousands of audit events cost a handful of calls.
 */
export async function redactDeep<T>(value: T): Promise<T> {
  const strings = new Map<string, string>();
  const collect = (v: unknown): void => {
    if (typeof v === "string") strings.set(v, v);
    else if (Array.isArray(v)) v.forEach(collect);
    else if (isPlainObject(v)) Object.values(v).forEach(collect);
  };
  collect(value);
  const texts = [...strings.keys()];
  const spans = await scanTexts(texts);
  texts.forEach((text, i) => strings.set(text, redactSpans(text, spans[i] ?? [])));
  const rebuild = (v: unknown): unknown => {
    if (typeof v === "string") return strings.get(v);
    if (Array.isArray(v)) return v.map(rebuild);
    if (isPlainObject(v)) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, rebuild(x)]));
    return v;
  };
  return rebuild(value) as T;
}

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && (Object.getPrototypeOf(v) === Object.prototype || Object.getPrototypeOf(v) === null);
