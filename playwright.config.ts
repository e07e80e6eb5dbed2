import { defineConfig } from "@playwright/test";

// End-to-end tests run against the production build (`next build` first: npm test does it) on a fresh
// embedded database, with a real OIDC provider on 127.0.0.1. Nothing leaves this machine.
const APP_PORT = 3100;
const OIDC_PORT = 4455;
// A real SMTP server the console mails to, and the HTTP endpoint the specs read the messages back from.
const SMTP_PORT = 2525;
export const SMTP_MESSAGES_URL = "http://127.0.0.1:2526/messages";
export const APP_URL = `http://127.0.0.1:${APP_PORT}`;
/** The server's clock runs ahead by the seconds in this file (lib/server/clock.ts): e2e/reviews.spec.ts moves time. */
export const TEST_CLOCK_FILE = ".data/e2e-clock";

export default defineConfig({
  testDir: "e2e",
  fullyParallel: true,
  workers: 2,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [["list"], ["json", { outputFile: "test-results/e2e.json" }]],
  // Not test-results/ itself: Playwright empties its output folder, which also holds the Vitest report.
  outputDir: "test-results/e2e-artifacts",
  // The large import runs alone, after everything else: on the embedded database it holds the only
  // connection for its whole run, and every other request waits for it (README: imports).
  // The review campaign moves the server's clock forward days at a time: it runs last, alone, so no other
  // spec sees time jump.
  projects: [
    { name: "console", testIgnore: /(import-large|reviews-campaign|breakglass|posture)\.spec\.ts/ },
    { name: "large import", testMatch: /import-large\.spec\.ts/, dependencies: ["console"] },
    // The last three move the server's clock (TEST_CLOCK_FILE), each alone, in the order they move it least to most:
    // break-glass (an hour, to an elevation's end), the review campaign (days), posture (an acceptance's expiry).
    { name: "break-glass", testMatch: /breakglass\.spec\.ts/, dependencies: ["large import"] },
    { name: "review campaign", testMatch: /reviews-campaign\.spec\.ts/, dependencies: ["break-glass"] },
    { name: "posture", testMatch: /posture\.spec\.ts/, dependencies: ["review campaign"] },
  ],
  use: {
    baseURL: APP_URL,
    trace: "retain-on-failure",
    launchOptions: {
      // Debian's Chromium: Playwright's own browser download cannot work offline.
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
  webServer: [
    {
      command: "node e2e/oidc/server.mjs",
      url: `http://127.0.0.1:${OIDC_PORT}/.well-known/openid-configuration`,
      env: { OIDC_TEST_PORT: String(OIDC_PORT), OIDC_TEST_APP_URL: APP_URL },
      reuseExistingServer: false,
    },
    {
      command: "node e2e/smtp/server.mjs",
      url: SMTP_MESSAGES_URL,
      env: { SMTP_TEST_PORT: String(SMTP_PORT), SMTP_TEST_HTTP_PORT: "2526" },
      reuseExistingServer: false,
    },
    {
      command: `rm -rf .data/e2e ${TEST_CLOCK_FILE} && npx next start -p ${APP_PORT} -H 127.0.0.1`,
      url: `${APP_URL}/api/health`,
      timeout: 120_000,
      reuseExistingServer: false,
      env: {
        DATABASE_URL: ".data/e2e",
        NEXTAUTH_URL: APP_URL,
        NEXTAUTH_SECRET: "e2e-only-secret-e2e-only-secret-e2e-only",
        SEED_DEMO_DATA: "true",
        OIDC_ISSUER: `http://127.0.0.1:${OIDC_PORT}`,
        OIDC_CLIENT_ID: "nhi-console",
        OIDC_CLIENT_SECRET: "e2e-client-secret",
        OIDC_DISPLAY_NAME: "Test IdP",
        OIDC_ROLE_MAP: "nhi-admins:admin,nhi-approvers:approver,nhi-auditors:auditor,platform-eng:member",
        // Every test signs in from 127.0.0.1; the per-address limit is covered by the integration tests.
        SIGNIN_MAX_FAILURES_PER_ADDRESS: "10000",
        // A failing webhook receiver is retried (1 s, 4 s) and disabled after 3 failures: seconds, not hours (e2e/webhooks.spec.ts).
        WEBHOOK_RETRY_BASE_SECONDS: "1",
        WEBHOOK_DISABLE_AFTER_FAILURES: "3",
        SMTP_URL: `smtp://127.0.0.1:${SMTP_PORT}`,
        MAIL_FROM: "NHI Console <nhi-console@e2e.test>",
        NEXT_TELEMETRY_DISABLED: "1",
        TEST_CLOCK_FILE,
      },
    },
  ],
});
