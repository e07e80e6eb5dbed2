// The console's own secret rules, beside secretlint's recommended preset (secret-detector.ts). They cover
// what the preset misses or only finds in some shapes (a bare AWS key id, Twilio, DigitalOcean, Square,
// Mailgun, Azure client secrets, `password=`, hex keys) and run synchronously, so a sync check is possible.
// Each rule marks the secret part only (the password of a URL, the value after `password=`), which is what
// redaction replaces.

export type SecretSpan = { kind: string; start: number; end: number };

type Rule = { kind: string; re: RegExp; accept?: (secret: string, match: RegExpExecArray) => boolean };

/** Values that stand for a secret instead of being one: `${DB_PASSWORD}`, `<token>`, `****`, `changeme`. */
const PLACEHOLDER =
  /^(?:\$\{?[\w.-]*\}?|<[^>]*>|\{\{.*\}\}|%[\w.-]+%|\*+|x{3,}|X{3,}|\.{3,}|true|false|null|none|nil|empty|redacted|masked|hidden|secret|password|example|changeme)$/i;
const notPlaceholder = (secret: string) => !PLACEHOLDER.test(secret);

/** A label that says a hex string is a digest, not a key: `sha256:…`, "checksum", "image digest". */
const DIGEST_LABEL = /sha-?(?:1|224|256|384|512)|digest|checksum|fingerprint|thumbprint|hash|integrity/i;

// Words that name a credential when a value is assigned to them (`DB_PASSWORD=…`, `client_secret: …`).
const PASSWORD = String.raw`(?:password|passwd|passphrase|pwd)`;
const CREDENTIAL = String.raw`(?:password|passwd|passphrase|pwd|secret|token|api[_-]?key|apikey|app[_-]?key|access[_-]?key|auth[_-]?key|private[_-]?key|accountkey|sharedaccesskey|credentials?)`;
/** A value that reads as a credential, not as a name: letters and digits, not a date, not a slug (ledger-creds-v2). */
const credentialValue = (v: string) =>
  notPlaceholder(v) && /\d/.test(v) && /[A-Za-z]/.test(v) && !/^\d{4}-\d{2}-\d{2}/.test(v) && !/^[a-z0-9]+(?:[-.][a-z0-9]+)+$/.test(v);

// Every repetition is bounded, so no text, however long or crafted, makes a rule backtrack without end; rules
// start with a literal where they can, which lets the scan skip ahead quickly.
const RULES: Rule[] = [
  { kind: "a private key", re: /-----BEGIN [A-Z0-9 ]{0,40}PRIVATE KEY(?: BLOCK)?-----|PuTTY-User-Key-File-\d/g },
  { kind: "an AWS access key id", re: /\b(?:AKIA|ASIA|ABIA|ACCA|A3T[A-Z0-9])[A-Z0-9]{16}\b/g },
  { kind: "a GitHub token", re: /\bgh[pousr]_[A-Za-z0-9]{30,1024}\b/g },
  { kind: "a GitHub fine-grained token", re: /\bgithub_pat_[A-Za-z0-9_]{30,1024}\b/g },
  {
    kind: "a GitLab token",
    re: /\b(?:glpat|gldt|glrt|glptt|glft|glcbt|gloas|glsoat|glimt|glagent|glffct|glwt)-[A-Za-z0-9_.-]{20,1024}|\bGR1348941[A-Za-z0-9_-]{20,1024}/g,
  },
  {
    kind: "a Slack token",
    re: /\bxox[abposre]-[A-Za-z0-9-]{10,1024}|\bxapp-\d-[A-Za-z0-9-]{20,1024}|hooks\.slack\.com\/(?:services|workflows)\/[A-Za-z0-9/_-]{20,1024}/g,
  },
  { kind: "a JSON Web Token", re: /\beyJ[A-Za-z0-9_-]{8,1024}\.eyJ[A-Za-z0-9_-]{8,1024}\.[A-Za-z0-9_-]{8,1024}/g },
  { kind: "an API secret key", re: /\bsk-[A-Za-z0-9_-]{20,1024}/g },
  { kind: "an NHI console API token", re: /\bnhic_[A-Za-z0-9]{8}_[A-Za-z0-9]{32,1024}\b/g },
  { kind: "a Stripe secret key", re: /\b(?:sk|rk)_(?:live|test)_[A-Za-z0-9]{10,1024}|\bwhsec_[A-Za-z0-9]{24,1024}/g },
  { kind: "a Twilio API key", re: /\bSK[0-9a-fA-F]{32}\b/g },
  { kind: "a DigitalOcean token", re: /\bdo[opr]_v1_[a-f0-9]{64}\b/g },
  { kind: "a Shopify token", re: /\bshp(?:at|ss|ca|pa)_[a-fA-F0-9]{32}\b/g },
  { kind: "a Databricks token", re: /\bdapi[a-f0-9]{32}(?:-\d)?\b/g },
  { kind: "a Mailgun API key", re: /\bkey-[0-9a-f]{32}\b|\b[0-9a-f]{32}-[0-9a-f]{8}-[0-9a-f]{8}\b/g },
  { kind: "a Mailchimp API key", re: /\b[0-9a-f]{32}-us\d{1,2}\b/g },
  { kind: "a Square token", re: /\bsq0(?:atp|csp)-[0-9A-Za-z_-]{22,1024}|\bEAAA[A-Za-z0-9_-]{60,1024}/g },
  { kind: "a Google API key", re: /\bAIza[0-9A-Za-z_-]{35}/g },
  {
    kind: "a Google OAuth secret",
    re: /\bGOCSPX-[A-Za-z0-9_-]{28}|\bya29\.[0-9A-Za-z_-]{20,1024}|(?<![\w/])1\/\/0[0-9A-Za-z_-]{40,1024}/g,
  },
  { kind: "a SendGrid API key", re: /\bSG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}/g },
  { kind: "an Azure client secret", re: /(?<![A-Za-z0-9_~.-])[A-Za-z0-9_~.]{3}\dQ~[A-Za-z0-9_~.-]{31,34}(?![A-Za-z0-9_~.-])/g },
  { kind: "an npm token", re: /\bnpm_[A-Za-z0-9]{36}\b/g },
  { kind: "a PyPI token", re: /\bpypi-AgEIcHlwaS5vcmc[A-Za-z0-9_-]{50,1024}/g },
  { kind: "a Hugging Face token", re: /\bhf_[A-Za-z0-9]{34,1024}\b/g },
  { kind: "an Atlassian API token", re: /\bATATT3[A-Za-z0-9_=-]{50,1024}/g },
  { kind: "a Docker token", re: /\bdckr_(?:pat|oat)_[A-Za-z0-9_-]{20,1024}/g },
  { kind: "a HashiCorp Vault token", re: /\bhv[sbr]\.[A-Za-z0-9_-]{24,1024}/g },
  {
    kind: "a Terraform Cloud token",
    re: /\.atlasv1\.[A-Za-z0-9_=-]{60,1024}/g,
    accept: (_, m) => /(?:^|[^A-Za-z0-9])[A-Za-z0-9]{14}$/.test(m.input.slice(Math.max(0, m.index - 15), m.index)),
  },
  { kind: "a Postman API key", re: /\bPMAK-[a-f0-9]{24}-[a-f0-9]{34}\b/g },
  { kind: "an age secret key", re: /\bAGE-SECRET-KEY-1[0-9A-Z]{58}\b/g },
  { kind: "a Grafana token", re: /\bglsa_[A-Za-z0-9]{32}_[A-Fa-f0-9]{8}\b|\bglc_[A-Za-z0-9+/]{32,1024}={0,2}/g },
  { kind: "a New Relic key", re: /\bNRAK-[A-Z0-9]{27}\b/g },
  { kind: "a Linear API key", re: /\blin_api_[A-Za-z0-9]{40}\b/g },
  { kind: "a Discord webhook", re: /discord(?:app)?\.com\/api\/webhooks\/\d+\/[A-Za-z0-9_-]{60,1024}/g },
  // A Teams incoming webhook's address is its credential (anyone holding it may post to the channel).
  {
    kind: "a Microsoft Teams webhook",
    re: /webhook\.office\.com\/webhookb2\/[A-Za-z0-9@/_-]{20,1024}|outlook\.office(?:365)?\.com\/webhook\/[A-Za-z0-9@/_-]{20,1024}/g,
  },
  { kind: "a Telegram bot token", re: /\b\d{8,10}:AA[0-9A-Za-z_-]{33}\b/g },
  { kind: "a Supabase token", re: /\bsbp_[a-f0-9]{40}\b/g },
  { kind: "a PlanetScale token", re: /\bpscale_(?:tkn|pw|oauth)_[A-Za-z0-9_.-]{32,1024}/g },
  { kind: "a Pulumi token", re: /\bpul-[a-f0-9]{40}\b/g },
  { kind: "a Doppler token", re: /\bdp\.(?:st|ct|sa|scim|audit)\.[A-Za-z0-9_.-]{40,1024}/g },
  // The password of a URL (https://user:pw@host, postgres://app:pw@db/x); a placeholder is not one.
  { kind: "a password in a URL", re: /:\/\/[^\s:@/?#]{0,256}:([^\s@/?#]{1,256})@[^\s/?#]{1,256}/dg, accept: notPlaceholder },
  { kind: "an Azure SAS signature", re: /[?&]sig=([A-Za-z0-9%+/=]{20,1024})/dg },
  { kind: "an Authorization header", re: /\b(?:Bearer|Basic)[ \t]+((?=[A-Za-z0-9._~+/-]{0,1024}\d)[A-Za-z0-9._~+/-]{16,1024}={0,3})/dg },
  // A password may be anything once assigned; other credentials (and `password: …`, which also reads as prose)
  // need a value that looks like one. `:` needs a space or quotes, so ARN segments (`:secret:prod/db`) are not read.
  {
    kind: "a password or key assignment",
    re: new RegExp(String.raw`${PASSWORD}[ \t]*=[ \t]*["']?([^\s"',;&]{4,1024})`, "dgi"),
    accept: notPlaceholder,
  },
  {
    kind: "a password or key assignment",
    re: new RegExp(String.raw`${CREDENTIAL}(?:[ \t]*=[ \t]*|["'][ \t]*:[ \t]*|[ \t]*:[ \t]+)["']?([^\s"',;&]{6,1024})`, "dgi"),
    accept: credentialValue,
  },
  // 256- and 512-bit keys are usually written in hex; a digest of the same length carries a label.
  {
    kind: "a hex-encoded secret key (label a digest, e.g. sha256:…)",
    re: /[a-fA-F0-9]{64,1024}/g,
    accept: (hex, m) =>
      (hex.length === 64 || hex.length === 128) &&
      !/[A-Za-z0-9:]/.test(m.input[m.index - 1] ?? "") &&
      !/[A-Za-z0-9]/.test(m.input[m.index + hex.length] ?? ""),
  },
  // Vendors whose keys are bare hex need their name nearby: "datadog api key 3f…", "twilio auth token 9a…".
  {
    kind: "a vendor API key (hex)",
    re: /\b(?:datadog|dd[_-]?(?:api|app)|twilio|mailgun|auth[_ -]?token)\b[^\n]{0,30}?\b([a-f0-9]{32}|[a-f0-9]{40})\b/dgi,
  },
];

/** Bits of entropy per character: random keys score high, words, hex ids and UUID parts score low. */
function entropy(text: string): number {
  const counts = new Map<string, number>();
  for (const ch of text) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let bits = 0;
  for (const n of counts.values()) bits -= (n / text.length) * Math.log2(n / text.length);
  return bits;
}

/** Letters, digits and mixed case in high entropy; CamelCase names (long runs of words) are not random. */
function looksRandom(token: string): boolean {
  if (token.length < 32) return false;
  if (![/[a-z]/, /[A-Z]/, /[0-9]/].every((re) => re.test(token))) return false;
  const words = token.match(/[A-Z]?[a-z]+|[A-Z]+|[0-9]+/g) ?? [];
  if (words.length > 0 && token.length / words.length >= 4) return false;
  return entropy(token) >= 4.2;
}

/** Digests written with their algorithm (`sha384-…` SRI hashes, `sha256:…` image digests) are not secrets. */
const LABELLED_DIGEST = /\bsha-?(?:1|224|256|384|512)[-:=][A-Za-z0-9+/_=-]+/gi;

const HEX_KEY = RULES.find((r) => r.kind.startsWith("a hex-encoded"))?.kind;

/**
 * Secret-looking parts of `content`, which may be many texts joined by newlines: no rule matches across a
 * line break, so a span always lies in one text. Call `keepSpan` with that text before trusting a span.
 */
export function scanContent(content: string): SecretSpan[] {
  const spans: SecretSpan[] = [];
  // exec loops rather than matchAll: matchAll copies the regular expression on every call, which is most of
  // the cost on short texts. Every rule is global, and the scan is synchronous, so lastIndex is ours.
  for (const rule of RULES) {
    rule.re.lastIndex = 0;
    for (let match = rule.re.exec(content); match; match = rule.re.exec(content)) {
      const [start, end] = match.indices?.[1] ?? [match.index, match.index + match[0].length];
      if (!rule.accept || rule.accept(content.slice(start, end), match)) spans.push({ kind: rule.kind, start, end });
    }
  }
  const masked = content.replace(LABELLED_DIGEST, (d) => " ".repeat(d.length));
  for (const [re, kind] of RANDOM_RUNS) {
    re.lastIndex = 0;
    for (let match = re.exec(masked); match; match = re.exec(masked))
      if (looksRandom(match[0])) spans.push({ kind, start: match.index, end: match.index + match[0].length });
  }
  return spans;
}

const RANDOM_RUNS: [RegExp, string][] = [
  [/(?<![A-Za-z0-9/+=])[A-Za-z0-9/+=]{40}(?![A-Za-z0-9/+=])/g, "an AWS secret access key"],
  // Split on the separators ids, paths and ARNs use, so only a single long random run counts.
  [/(?<![^\s:/@.,;=|"'()[\]{}<>&?#-])[^\s:/@.,;=|"'()[\]{}<>&?#-]{32,}/g, "a long random string (an API key or secret?)"],
];

/** Rules that judge a span by the rest of its text: a 64-character hex string is a digest when the text says so. */
export const keepSpan = (span: SecretSpan, text: string) => span.kind !== HEX_KEY || !DIGEST_LABEL.test(text);
