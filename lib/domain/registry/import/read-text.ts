import { DomainError } from "../../shared/errors";

/** A file's content: text, or a stream of bytes or text (a request body, a file read from disk). */
export type ImportContent = string | AsyncIterable<Uint8Array | string>;

export const isAsyncIterable = (value: unknown): value is AsyncIterable<unknown> =>
  typeof value === "object" && value !== null && Symbol.asyncIterator in value;

/** Decodes UTF-8 as it arrives: a character split across two chunks is joined, never mangled. */
export async function* textChunks(content: ImportContent): AsyncGenerator<string> {
  if (typeof content === "string") {
    // Large strings are handed on in slices so the parsers see the same shape as a stream.
    for (let i = 0; i < content.length; i += 65_536) yield content.slice(i, i + 65_536);
    return;
  }
  const decoder = new TextDecoder("utf-8");
  for await (const chunk of content) yield typeof chunk === "string" ? chunk : decoder.decode(chunk, { stream: true });
  const rest = decoder.decode();
  if (rest) yield rest;
}

const tooLarge = (maxBytes: number) =>
  new DomainError(
    "PAYLOAD_TOO_LARGE",
    `The file is larger than the import limit of ${Math.round(maxBytes / 1_048_576).toLocaleString("en")} MB (IMPORT_MAX_MB). Nothing was imported: split the file, or ask the operator to raise the limit.`,
    { content: [`larger than ${Math.round(maxBytes / 1_048_576)} MB`] },
  );

/**
 * Refuses a body over the limit instead of reading (or cutting) it: the declared length is checked
 * before the first byte is read, and bytes are counted as they stream, because a chunked body declares
 * none. The check runs when the import first reads, that is after the role check, so a refusal is
 * recorded as such whatever the body's size.
 */
export async function* limitBytes(
  body: AsyncIterable<Uint8Array>,
  maxBytes: number,
  declaredLength: number | null,
): AsyncGenerator<Uint8Array> {
  if (declaredLength !== null && declaredLength > maxBytes) throw tooLarge(maxBytes);
  let total = 0;
  for await (const chunk of body) {
    total += chunk.byteLength;
    if (total > maxBytes) throw tooLarge(maxBytes);
    yield chunk;
  }
}
