import chain from "stream-chain/core";
import parser from "stream-json/core/parser.js";
import pick from "stream-json/core/filters/pick.js";
import streamArray from "stream-json/core/streamers/stream-array.js";
import { DomainError } from "../../shared/errors";
import { FormatError } from "./import-row";

type Token = { name: string; value?: unknown };

/**
 * Where a format's items are: the elements of a top-level array, and/or of the array under one key of a
 * top-level object. `expected` tells a person what the file should be when it is neither.
 */
export type JsonShape = { rootArray: boolean; key?: string; expected: string };

/**
 * Streams the items of a JSON document with stream-json, one at a time, so memory holds one item, not
 * the file. `item` counts from 1. A syntax error names its line; a document that ends before it is
 * complete (a cut-off upload) is refused, because stream-json itself stops quietly there.
 */
export async function* readJsonItems(text: AsyncIterable<string>, shape: JsonShape): AsyncGenerator<{ item: number; value: unknown }> {
  let line = 1;
  let depth = 0;
  let root: string | undefined;
  let itemsFound = false;
  // Fed a line at a time (within a chunk), so the line being parsed when the parser fails is known.
  async function* lines() {
    for await (const chunk of text) {
      let start = 0;
      for (let end = chunk.indexOf("\n"); end !== -1; end = chunk.indexOf("\n", start)) {
        yield chunk.slice(start, end + 1);
        line += 1;
        start = end + 1;
      }
      if (start < chunk.length) yield chunk.slice(start);
    }
  }
  const track = (token: Token) => {
    root ??= token.name;
    if (token.name === "startObject" || token.name === "startArray") depth += 1;
    else if (token.name === "endObject" || token.name === "endArray") depth -= 1;
    return token;
  };
  const picker = shape.key ? pick({ filter: shape.key }) : undefined;
  const select = (token: Token) => ((root === "startArray" && shape.rootArray) || !picker ? token : picker(token as never));
  const found = (token: Token) => {
    itemsFound = true;
    return token;
  };
  const items = chain([parser({ streamValues: false }), track, select, found, streamArray()]) as unknown as (
    input: AsyncIterable<string>,
  ) => AsyncIterable<{ key: number; value: unknown }>;
  try {
    for await (const { key, value } of items(lines())) yield { item: key + 1, value };
  } catch (error) {
    if (error instanceof DomainError || error instanceof FormatError) throw error;
    const message = (error as Error).message ?? "";
    if (message.startsWith("Top-level")) throw new FormatError(shape.expected);
    if (message.startsWith("Parser"))
      throw new FormatError(
        `The file is not valid JSON: ${message.replace(/^Parser (cannot parse input: )?/, "")} on line ${line}. Nothing was imported.`,
      );
    throw error;
  }
  if (root === undefined) throw new FormatError("The file is empty: expected a JSON document.");
  if (depth !== 0)
    throw new FormatError(
      `The file is not valid JSON: it ends on line ${line} before the document is complete (was it cut off?). Nothing was imported.`,
    );
  if (!itemsFound) throw new FormatError(shape.expected);
}
