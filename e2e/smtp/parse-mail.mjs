// Just enough MIME to read back what nodemailer sends: headers, a multipart/alternative body, and parts in
// 7bit, quoted-printable or base64. Not a general mail parser.

function splitHead(raw) {
  const at = raw.search(/\r?\n\r?\n/);
  const head = at < 0 ? raw : raw.slice(0, at);
  const body = at < 0 ? "" : raw.slice(at).replace(/^\r?\n\r?\n/, "");
  const headers = {};
  for (const line of head.replace(/\r?\n[ \t]+/g, " ").split(/\r?\n/)) {
    const colon = line.indexOf(":");
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return { headers, body };
}

function decodeWords(value) {
  // Whitespace between two encoded words is folding, not text (RFC 2047).
  return value.replace(/(\?=)\s+(=\?)/g, "$1$2").replace(/=\?utf-8\?([qb])\?([^?]*)\?=/gi, (_, enc, text) =>
    enc.toLowerCase() === "b"
      ? Buffer.from(text, "base64").toString("utf8")
      : Buffer.from(
          text.replace(/_/g, " ").replace(/=([0-9a-f]{2})/gi, (_m, h) => String.fromCharCode(parseInt(h, 16))),
          "latin1",
        ).toString("utf8"),
  );
}

function decodeBody(body, encoding) {
  const enc = (encoding ?? "7bit").toLowerCase();
  if (enc === "base64") return Buffer.from(body.replace(/\s+/g, ""), "base64").toString("utf8");
  if (enc === "quoted-printable") {
    const bytes = body.replace(/=\r?\n/g, "").replace(/=([0-9A-F]{2})/gi, (_m, h) => String.fromCharCode(parseInt(h, 16)));
    return Buffer.from(bytes, "latin1").toString("utf8");
  }
  return body;
}

/** { from, to, subject, text, html } of a raw message. */
export function parseMail(raw) {
  const { headers, body } = splitHead(raw);
  const out = {
    from: decodeWords(headers.from ?? ""),
    to: decodeWords(headers.to ?? ""),
    subject: decodeWords(headers.subject ?? ""),
    text: null,
    html: null,
  };
  const take = (partHeaders, partBody) => {
    const type = (partHeaders["content-type"] ?? "text/plain").toLowerCase();
    const boundary = /boundary="?([^";]+)"?/i.exec(partHeaders["content-type"] ?? "")?.[1];
    if (type.startsWith("multipart/") && boundary) {
      const pieces = partBody.split(`--${boundary}`).slice(1);
      for (const piece of pieces) {
        if (piece.startsWith("--")) break;
        const part = splitHead(piece.replace(/^\r?\n/, ""));
        take(part.headers, part.body.replace(/\r?\n$/, ""));
      }
    } else if (type.startsWith("text/html")) out.html = decodeBody(partBody, partHeaders["content-transfer-encoding"]);
    else if (type.startsWith("text/plain")) out.text = decodeBody(partBody, partHeaders["content-transfer-encoding"]);
  };
  take(headers, body);
  return out;
}
