import { describe, expect, it, vi } from "vitest";

describe("session lifetime", () => {
  it("defaults to 8 hours and follows SESSION_MAX_AGE_HOURS", async () => {
    vi.stubEnv("NEXTAUTH_SECRET", "s".repeat(40));
    vi.stubEnv("SESSION_MAX_AGE_HOURS", "");
    const first = await import("@/lib/auth/options");
    expect(first.authOptions().session).toEqual({ strategy: "jwt", maxAge: 8 * 3600 });

    vi.resetModules();
    vi.stubEnv("SESSION_MAX_AGE_HOURS", "2");
    const second = await import("@/lib/auth/options");
    expect(second.authOptions().session?.maxAge).toBe(7200);
    expect(second.authOptions().jwt?.maxAge).toBe(7200);
    vi.unstubAllEnvs();
  });
});
