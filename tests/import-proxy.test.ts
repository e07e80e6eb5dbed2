import { unstable_doesMiddlewareMatch } from "next/experimental/testing/server";
import { describe, expect, it } from "vitest";
import { config } from "@/proxy";

const matches = (url: string) => unstable_doesMiddlewareMatch({ config, url });

describe("the proxy and the registry import", () => {
  it("never sees an import body (it would buffer it and cut it at 10 MiB), but sees every other route", () => {
    expect(matches("/api/registry/import")).toBe(false);
    expect(matches("/api/registry/import?format=csv&dryRun=false")).toBe(false);
    expect(matches("/api/registry/imports")).toBe(true);
    expect(matches("/api/registry/identities")).toBe(true);
    expect(matches("/registry/import")).toBe(true);
    expect(matches("/")).toBe(true);
  });
});
