import { lintSource } from "@secretlint/core";
import { secretLintProfiler } from "@secretlint/profiler";
import { rules as recommended } from "@secretlint/secretlint-rule-preset-recommend";
import type { SecretLintCoreConfig } from "@secretlint/types";
import { type SecretSpan, keepSpan, scanContent } from "./secret-patterns";

// The console stores metadata about credentials, never a credential. Text a person or an import puts into
// the console is checked against the shapes real secrets have: secretlint's recommended preset (maintained,
// one rule per provider) plus the console's own rules and entropy check (secret-patterns.ts).
//
// secretlint is asynchronous and costs ~0.14 ms per call however little it reads, but only ~2 µs more per
// 200 characters: so texts are linted together, one call per batch, and each hit is mapped back to its text
// by offset. `detectSecret` batches by itself: calls made in the same turn of the event loop (every field
// of a form parsed with zod's parseAsync, every row of an import validated together) share one lint call.

export type { SecretSpan };

// secretlint's profiler is on by default and keeps every performance mark it makes, forever: in a server
// that lints each request that is a memory leak (and a third of the time spent). Nobody reads its results.
secretLintProfiler.setEnabled(false);

// filter-comments would let a text containing "secretlint-disable" hide the secrets after it: a field is data,
// never a directive. An AWS account id (the 12 digits of every ARN) is an identifier, not a secret.
const FILTER_COMMENTS = "@secretlint/secretlint-rule-filter-comments";
const CONFIG: SecretLintCoreConfig = {
  rules: recommended
    .filter((rule) => rule.meta.id !== FILTER_COMMENTS)
    .map((rule) => ({ id: rule.meta.id, rule, ...(rule.meta.id.endsWith("-aws") ? { allowMessageIds: ["AWSAccountID"] } : {}) })),
};

const PROVIDERS: Record<string, string> = {
  aws: "an AWS credential",
  gcp: "a Google Cloud credential",
  privatekey: "a private key",
  npm: "an npm token",
  basicauth: "a password in a URL",
  slack: "a Slack token",
  sendgrid: "a SendGrid API key",
  shopify: "a Shopify token",
  stripe: "a Stripe secret key",
  github: "a GitHub token",
  gitlab: "a GitLab token",
  grafana: "a Grafana token",
  openai: "an OpenAI API key",
  anthropic: "an Anthropic API key",
  groq: "a Groq API key",
  huggingface: "a Hugging Face token",
  linear: "a Linear API key",
  notion: "a Notion token",
  "1password": "a 1Password token",
  "database-connection-string": "a database URL with a password",
  "hashicorp-vault": "a HashiCorp Vault token",
  vercel: "a Vercel token",
  databricks: "a Databricks token",
  docker: "a Docker token",
  figma: "a Figma token",
  cloudflare: "a Cloudflare token",
  tailscale: "a Tailscale key",
};
const kindOf = (ruleId: string) => PROVIDERS[ruleId.replace("@secretlint/secretlint-rule-", "")] ?? "a credential";

/** No rule matches fewer characters than `pwd=abcd`: shorter texts are not read at all. */
const MIN_LENGTH = 8;
const SEPARATOR = "\n\n";
/** Texts per lint call are capped by size, so one huge batch does not build one huge string. */
const CHUNK_CHARS = 256 * 1024;

async function lintChunk(texts: readonly string[], spans: SecretSpan[][], indexes: number[]): Promise<void> {
  const starts: number[] = [];
  let content = "";
  for (const i of indexes) {
    starts.push(content.length);
    content += texts[i] + SEPARATOR;
  }
  const textAt = (offset: number) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };
  const add = (span: SecretSpan) => {
    const k = textAt(span.start);
    const text = texts[indexes[k]!]!;
    const local = { kind: span.kind, start: span.start - starts[k]!, end: Math.min(span.end - starts[k]!, text.length) };
    if (keepSpan(local, text)) spans[indexes[k]!]!.push(local);
  };
  // The console's rules first, so a kind they name reads the same as in the synchronous check.
  scanContent(content).forEach(add);
  const result = await lintSource({
    source: { content, filePath: "/registry.txt", ext: ".txt", contentType: "text" },
    options: { config: CONFIG, noPhysicFilePath: true },
  });
  for (const message of result.messages) add({ kind: kindOf(message.ruleId), start: message.range[0], end: message.range[1] });
}

/** The secret-looking parts of each text (sorted by position), with as few lint calls as the sizes allow. */
export async function scanTexts(texts: readonly string[]): Promise<SecretSpan[][]> {
  const spans: SecretSpan[][] = texts.map(() => []);
  let chunk: number[] = [];
  let size = 0;
  for (let i = 0; i <= texts.length; i += 1) {
    const text = texts[i];
    if (text !== undefined && text.length < MIN_LENGTH) continue;
    if (chunk.length > 0 && (text === undefined || size + text.length > CHUNK_CHARS)) {
      await lintChunk(texts, spans, chunk);
      chunk = [];
      size = 0;
    }
    if (text === undefined) break;
    chunk.push(i);
    size += text.length + SEPARATOR.length;
  }
  for (const list of spans) list.sort((a, b) => a.start - b.start);
  return spans;
}

type Pending = { text: string; resolve: (spans: SecretSpan[]) => void; reject: (error: unknown) => void };
let pending: Pending[] = [];

function flush() {
  const batch = pending;
  pending = [];
  scanTexts(batch.map((p) => p.text)).then(
    (spans) => batch.forEach((p, i) => p.resolve(spans[i]!)),
    (error: unknown) => batch.forEach((p) => p.reject(error)),
  );
}

/** The secret-looking parts of one text; calls in the same event-loop turn share one lint call. */
export function secretSpans(text: string): Promise<SecretSpan[]> {
  return new Promise((resolve, reject) => {
    if (pending.length === 0) setImmediate(flush);
    pending.push({ text, resolve, reject });
  });
}

/** What kind of secret the text looks like, or null: the full check (secretlint and the console's rules). */
export async function detectSecret(text: string): Promise<string | null> {
  return (await secretSpans(text))[0]?.kind ?? null;
}

/** The fields of a record (an import row, a form) that look like secrets, with one lint call for all of them. */
export async function findSecrets(fields: Record<string, string>): Promise<{ field: string; kind: string }[]> {
  const names = Object.keys(fields);
  const spans = await scanTexts(names.map((name) => fields[name]!));
  return names.flatMap((field, i) => (spans[i]![0] ? [{ field, kind: spans[i]![0].kind }] : []));
}

export const secretMessage = (kind: string) =>
  `looks like ${kind}. The console stores metadata about credentials, never the secret itself: remove it (and rotate it, since it was exposed).`;
