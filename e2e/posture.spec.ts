import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { writeFileSync } from "node:fs";
import { expect, type Page, test } from "@playwright/test";
import { PDFParse } from "pdf-parse";
import { TEST_CLOCK_FILE } from "../playwright.config";
import { PERSONAS, registerIdentity, signIn, signOut } from "./helpers";

// Posture as the Done-when tells it: an auditor opens the dashboard, switches to NIST SP 800-53, drills from
// AC-2(3) to an identity and its evidence, and downloads the evidence pack, whose PDF opens and whose hash is the
// one the audit log recorded; an owner accepts a risk until a date and sees it re-open once the server's clock
// passes it; rotating a credential resolves its finding with nobody touching the finding.
// The clock moves (playwright.config.ts: TEST_CLOCK_FILE), so this spec runs in its own last project.

const DAY = 86_400;
test.describe.configure({ mode: "serial" });

/** Reloads until the identity's finding for this check shows this status (the evaluation job runs every 5 s). */
async function expectFinding(page: Page, identityId: string, checkId: string, status: string) {
  await expect
    .poll(
      async () => {
        await page.goto(`/registry/${identityId}`);
        const finding = page.getByTestId("posture-findings").locator(`[data-check="${checkId}"]`);
        // Not there yet (the evaluation runs every 5 s): say so now rather than wait on this copy of the page.
        return (await finding.count()) === 0 ? "none yet" : finding.getAttribute("data-status");
      },
      { timeout: 45_000, intervals: [2_000] },
    )
    .toBe(status);
}

test("an auditor drills from SP 800-53 AC-2(3) to an identity's evidence and downloads a pack that verifies", async ({ page }) => {
  test.setTimeout(180_000);
  await signIn(page, PERSONAS.auditor);
  await page.goto("/dashboard");
  await page.getByRole("navigation", { name: "Frameworks" }).getByRole("link", { name: "SP 800-53" }).click();
  await expect(page.getByRole("heading", { name: /NIST SP 800-53/ })).toBeVisible();
  const row = page.getByTestId("controls-table").locator('[data-control="AC-2(3)"]');
  await row.getByRole("link", { name: /identities failing AC-2\(3\)/ }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("AC-2(3)");
  await expect(page.getByTestId("control-checks")).toContainText("No owner");
  // On a server just started, the first evaluation (every 5 s) may still be on its way.
  await expect
    .poll(
      async () => {
        await page.reload();
        return page.getByTestId("control-identities").getByRole("link").count();
      },
      { timeout: 45_000, intervals: [2_000] },
    )
    .toBeGreaterThan(0);
  await page.getByTestId("control-identities").getByRole("link").first().click();
  await expect(page.getByTestId("posture-findings")).toBeVisible();
  await expect(page.getByTestId("posture-findings")).toContainText("SP 800-53");

  await page.goto("/dashboard");
  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Evidence pack (PDF)" }).click();
  const file = await (await download).path();
  const bytes = await readFile(file);
  const text = (await new PDFParse({ data: new Uint8Array(bytes) }).getText()).text;
  expect(text).toContain("Posture evidence pack");
  expect(text).toContain("Verified intact");
  const hash = createHash("sha256").update(bytes).digest("hex");
  const audit = await page.request.get("/api/audit/export?action=posture.export");
  expect(audit.status()).toBe(200);
  expect(await audit.text()).toContain(`sha256:${hash}`);
});

test("an owner accepts a risk until a date and it re-opens after; a rotation resolves a finding by itself", async ({ page }) => {
  test.setTimeout(240_000);
  await signIn(page, PERSONAS.admin);
  const owner = (
    (await (await page.request.get(`/api/admin/users?q=${encodeURIComponent(PERSONAS.owner)}`)).json()) as {
      data: { users: { id: string }[] };
    }
  ).data.users[0]!;
  // Two of the owner's identities with a static secret issued 400 days ago and never rotated.
  const stale = { credentialType: "static_secret", credentialIssuedAt: new Date(Date.now() - 400 * DAY * 1000).toISOString() };
  const accepted = await registerIdentity(page.request, owner.id, stale, "posture-accept");
  const rotated = await registerIdentity(page.request, owner.id, stale, "posture-rotate");
  await signOut(page);

  await signIn(page, PERSONAS.owner);
  await expectFinding(page, accepted.id, "not-rotated", "open");
  const finding = page.getByTestId("posture-findings").locator('[data-check="not-rotated"]');
  const until = new Date(Date.now() + 2 * DAY * 1000).toISOString().slice(0, 10);
  await finding.getByLabel("Decision").selectOption("accept");
  await finding.getByLabel("Until").fill(until);
  await finding.getByLabel("Reason").fill("The vendor rotates it at the contract renewal next week");
  await finding.getByRole("button", { name: "Save" }).click();
  await expect(page.getByTestId("posture-findings").locator('[data-check="not-rotated"]')).toHaveAttribute("data-status", "accepted");

  // Three days later (the server's clock), the acceptance has ended: it reads open again.
  writeFileSync(TEST_CLOCK_FILE, String(3 * DAY));
  // Three days on, the session has lapsed too: the owner signs in again.
  await page.context().clearCookies();
  await signIn(page, PERSONAS.owner);
  await expectFinding(page, accepted.id, "not-rotated", "open");

  // The other identity's credential is rotated: its finding resolves within seconds, nobody touching it.
  await expectFinding(page, rotated.id, "not-rotated", "open");
  await page.getByTestId("rotate-credential").getByText("Record rotation", { exact: true }).click();
  await page.getByRole("button", { name: "Record rotation now" }).click();
  await expectFinding(page, rotated.id, "not-rotated", "resolved");
});
