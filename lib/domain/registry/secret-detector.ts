// The console stores metadata about credentials, never a credential. Any text a person or an import puts
// into the registry is checked against the shapes real secrets have; a match is refused, naming the field.

const PATTERNS: [RegExp, string][] = [
  [/-----BEGIN [A-Z ]*PRIVATE KEY( BLOCK)?-----/, "a private key"],
  [/\b(AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}\b/, "an AWS access key id"],
  [/\bgh[pousr]_[A-Za-z0-9]{30,}\b/, "a GitHub token"],
  [/\bgithub_pat_[A-Za-z0-9_]{30,}\b/, "a GitHub fine-grained token"],
  [/\bxox[abposr]-[A-Za-z0-9-]{10,}/, "a Slack token"],
  [/\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/, "a JSON Web Token"],
  [/\bsk-[A-Za-z0-9_-]{20,}/, "an API secret key"],
];

/** AWS secret access keys: exactly 40 base64 characters, and random (a SHA-1 in hex is 40 characters too). */
const AWS_SECRET = /(?:^|[^A-Za-z0-9/+=])([A-Za-z0-9/+=]{40})(?:$|[^A-Za-z0-9/+=])/;

/** Bits of entropy per character: random keys score high, words, hex ids and UUID parts score low. */
function entropy(text: string): number {
  const counts = new Map<string, number>();
  for (const ch of text) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let bits = 0;
  for (const n of counts.values()) bits -= (n / text.length) * Math.log2(n / text.length);
  return bits;
}

function looksRandom(token: string): boolean {
  if (token.length < 32) return false;
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/].filter((re) => re.test(token)).length;
  return classes >= 3 && entropy(token) >= 4.2;
}

/** What kind of secret the text looks like, or null. */
export function secretKind(text: string): string | null {
  for (const [pattern, kind] of PATTERNS) if (pattern.test(text)) return kind;
  const aws = text.match(AWS_SECRET)?.[1];
  if (aws && looksRandom(aws)) return "an AWS secret access key";
  // Split on the separators ids and ARNs use, so only a single long random run counts.
  for (const token of text.split(/[\s:/@.,;=|"'()[\]{}-]+/)) if (looksRandom(token)) return "a long random string (an API key or secret?)";
  return null;
}

export const secretMessage = (kind: string) =>
  `looks like ${kind}. The console stores metadata about credentials, never the secret itself: remove it (and rotate it, since it was exposed).`;
