import { describe, expect, it } from "vitest";
import { parseEnv, parseRoleMap } from "@/lib/config/env";

describe("configuration", () => {
  it("defaults to the embedded database with demo data and 8-hour sessions", () => {
    const config = parseEnv({});
    expect(config).toMatchObject({
      databaseUrl: undefined,
      seedDemoData: true,
      sessionMaxAgeSeconds: 8 * 3600,
      oidc: null,
      publicUrl: "http://localhost:3000",
    });
  });

  it("takes a test clock file only on the embedded database, never on PostgreSQL", () => {
    expect(parseEnv({}).testClockFile).toBeNull();
    expect(parseEnv({ DATABASE_URL: ".data/e2e", TEST_CLOCK_FILE: ".data/e2e-clock" }).testClockFile).toBe(".data/e2e-clock");
    expect(() => parseEnv({ DATABASE_URL: "postgres://db.internal/console", TEST_CLOCK_FILE: "/tmp/clock" })).toThrow(
      /TEST_CLOCK_FILE .* refused on PostgreSQL/,
    );
  });

  it("names DATABASE_URL when it is malformed", () => {
    expect(() => parseEnv({ DATABASE_URL: "postgres://" })).toThrow(/DATABASE_URL is not a valid postgres URL/);
    expect(() => parseEnv({ DATABASE_URL: "mysql://db/x" })).toThrow(/DATABASE_URL must be a postgres:\/\/ URL or a folder/);
    expect(parseEnv({ DATABASE_URL: "./data/console" }).databaseUrl).toBe("./data/console");
  });

  it("names OIDC_CLIENT_SECRET when an issuer is set without it", () => {
    expect(() => parseEnv({ OIDC_ISSUER: "https://idp.example.com", OIDC_CLIENT_ID: "console" })).toThrow(
      /OIDC_CLIENT_SECRET is required when OIDC_ISSUER is set/,
    );
    expect(() => parseEnv({ OIDC_ISSUER: "not a url", OIDC_CLIENT_ID: "c", OIDC_CLIENT_SECRET: "s" })).toThrow(/OIDC_ISSUER must be/);
    const oidc = { OIDC_ISSUER: "https://idp.example.com/", OIDC_CLIENT_ID: "c", OIDC_CLIENT_SECRET: "s" };
    expect(parseEnv(oidc).oidc).toMatchObject({ issuer: "https://idp.example.com", scopes: "openid email profile", groupsClaim: "groups" });
    expect(() => parseEnv({ ...oidc, OIDC_SCOPES: "email" })).toThrow(/OIDC_SCOPES must include openid/);
  });

  it("parses the group-to-role mapping and names a bad entry", () => {
    expect(parseRoleMap("nhi-admins:admin, eng:member,eng:approver")).toEqual({ "nhi-admins": ["admin"], eng: ["member", "approver"] });
    expect(() => parseRoleMap("nhi-admins:root")).toThrow(/OIDC_ROLE_MAP: "nhi-admins:root"/);
  });

  it("never seeds demo accounts in production on PostgreSQL unless asked, and then requires a secret", () => {
    const prod = { NODE_ENV: "production", DATABASE_URL: "postgres://u@db:5432/nhi", NEXTAUTH_SECRET: "x".repeat(40) };
    expect(parseEnv(prod).seedDemoData).toBe(false);
    expect(parseEnv({ ...prod, SEED_DEMO_DATA: "true" }).seedDemoData).toBe(true);
    expect(() => parseEnv({ ...prod, NEXTAUTH_SECRET: undefined })).toThrow(/NEXTAUTH_SECRET is required in production/);
    expect(parseEnv({ NODE_ENV: "production" }).seedDemoData).toBe(true);
  });

  it("names bad numbers and booleans", () => {
    expect(() => parseEnv({ SESSION_MAX_AGE_HOURS: "forever" })).toThrow(/SESSION_MAX_AGE_HOURS must be a number/);
    expect(() => parseEnv({ SEED_DEMO_DATA: "maybe" })).toThrow(/SEED_DEMO_DATA must be true or false/);
    expect(parseEnv({ SESSION_MAX_AGE_HOURS: "0.5" }).sessionMaxAgeSeconds).toBe(1800);
  });
});
