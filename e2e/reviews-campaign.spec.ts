import { writeFileSync } from "node:fs";
import { expect, type Page, test } from "@playwright/test";
import { PDFParse } from "pdf-parse";
import { SMTP_MESSAGES_URL, TEST_CLOCK_FILE } from "../playwright.config";
import { createUser, PERSONAS, signIn, signOut, unique } from "./helpers";

// A quarterly access review from launch to evidence, as the Done-when tells it: an admin previews and
// launches it; the owner certifies one identity, revoking one scope with a reason and reducing another; with the
// server's clock moved past the reminder day only the reviewer who has not decided is reminded by mail; past the
// due date the item escalates to its backup owner; the admin closes the run and the registry shows the outcomes,
// each in the audit log; an auditor downloads the evidence and the PDF names every decision.
// The clock moves days at a time (playwright.config.ts: TEST_CLOCK_FILE), so this spec runs last and alone.

const DAY = 86_400;
type Mail = { subject: string; text: string | null; envelopeTo: string[] };

/** Moves the server's clock this many days ahead of the real one (lib/server/clock.ts reads the file). */
const moveClock = (days: number) => writeFileSync(TEST_CLOCK_FILE, String(days * DAY));

async function mailsTo(page: Page, address: string): Promise<Mail[]> {
  const response = await page.request.get(`${SMTP_MESSAGES_URL}?to=${encodeURIComponent(address)}`);
  expect(response.status()).toBe(200);
  return (await response.json()) as Mail[];
}

test.afterAll(() => moveClock(0));

test("a quarterly production review: preview, launch, decide, remind, escalate, close, evidence", async ({ page }) => {
  test.setTimeout(300_000);
  const tag = unique("q4").toLowerCase();
  const campaignName = `Q4 production ${tag}`;
  const certified = `${tag}-deploy-bot`;
  const silent = `${tag}-report-bot`;

  // The estate under review: one identity of the demo owner with three scopes, one of the approver's whose backup
  // owner is a person of its own (so the escalation is seen in their inbox).
  await signIn(page, PERSONAS.admin);
  const backup = await createUser(page.request, ["member"]);
  const csv = [
    "name,kind,platform,externalId,environment,purpose,ownerEmail,backupOwnerEmail,tags,scopes,credentialType,credentialIssuedAt,lastUsedAt",
    `${certified},service_account,aws,${certified},production,Deploys the storefront,${PERSONAS.owner},,${tag},payments-db|rds:*|admin|production;reports|s3:PutObject|write|production;logs|logs:Get|read|production,static_secret,${new Date(Date.now() - 30 * DAY * 1000).toISOString()},${new Date(Date.now() - DAY * 1000).toISOString()}`,
    `${silent},service_account,aws,${silent},production,Builds the nightly reports,${PERSONAS.approver},${backup.email},${tag},warehouse|read|read|production,static_secret,${new Date(Date.now() - 30 * DAY * 1000).toISOString()},${new Date(Date.now() - DAY * 1000).toISOString()}`,
  ].join("\n");
  const imported = await page.request.post("/api/registry/import?format=csv&dryRun=false", {
    data: csv,
    headers: { "content-type": "text/csv" },
  });
  expect(imported.status(), await imported.text()).toBe(200);

  // The admin defines the campaign, previews it, then creates and launches it.
  await page.goto("/reviews/campaigns/new");
  await page.getByLabel("Name", { exact: true }).fill(campaignName);
  await page.getByLabel("Environment").selectOption("production");
  await page.getByRole("textbox", { name: "Tag", exact: true }).fill(tag);
  await page.getByLabel("Reminders (days before due)").fill("7");
  await page.getByLabel("Escalation (days past due)").fill("1, 2");
  await page.getByLabel("Runs").selectOption("quarterly");
  await page.getByRole("button", { name: "Preview" }).click();
  const preview = page.getByTestId("campaign-preview");
  await expect(preview.getByText("Identities to review").locator("..")).toContainText("2");
  await expect(preview.getByText("With no reviewer").locator("..")).toContainText("0");
  await page.getByRole("button", { name: "Create and launch" }).click();
  await expect(page.getByRole("heading", { name: campaignName })).toBeVisible({ timeout: 20_000 });
  const campaignUrl = page.url();
  await signOut(page);

  // The owner certifies their identity, revoking the admin scope (with the reason) and reducing write to read.
  await signIn(page, PERSONAS.owner);
  await page.goto(`/reviews?q=${encodeURIComponent(certified)}`);
  await page.getByRole("link", { name: certified }).click();
  await page
    .getByRole("group", { name: /Decision for payments-db/ })
    .getByLabel("Revoke")
    .check();
  const reports = page.getByRole("group", { name: /Decision for reports/ });
  await reports.getByLabel("Reduce").check();
  await reports.getByLabel("To level").selectOption("read");
  await page.getByLabel("Certify (keep)").check();
  await page.getByLabel("Reason").fill("Deploys need S3 writes no more; the admin grant on payments-db was a leftover from the migration.");
  await page.getByRole("button", { name: "Save decision" }).click();
  await expect(page.getByRole("button", { name: "Change decision" })).toBeVisible({ timeout: 15_000 });
  await signOut(page);

  // Eight days on, past the reminder day (7 days before the 14-day due date): only the approver, who has not
  // decided, is reminded.
  moveClock(8);
  const reminder = (m: Mail) => m.subject.startsWith("Reminder:") && m.subject.includes(campaignName);
  await expect.poll(async () => (await mailsTo(page, PERSONAS.approver)).filter(reminder).length, { timeout: 90_000 }).toBe(1);
  expect((await mailsTo(page, PERSONAS.owner)).filter(reminder)).toHaveLength(0);

  // Sixteen days on, two days past due: the escalation has added the backup owner, who now sees the item.
  moveClock(16);
  await expect
    .poll(async () => (await mailsTo(page, backup.email)).filter((m) => m.subject.includes(campaignName)).length, { timeout: 90_000 })
    .toBeGreaterThan(0);
  await signIn(page, backup.email, backup.password);
  await page.goto("/reviews");
  await expect(page.getByRole("link", { name: silent })).toBeVisible();
  await signOut(page);

  // The admin closes the run; the registry shows the outcomes, each in the audit log.
  await signIn(page, PERSONAS.admin);
  await page.goto(campaignUrl);
  await page.getByRole("button", { name: "Close run #1" }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Close run" }).click();
  await expect(page.getByRole("button", { name: "Close run #1" })).toBeHidden({ timeout: 30_000 });
  await page.goto(`/registry?q=${encodeURIComponent(certified)}`);
  await page.getByRole("link", { name: certified }).click();
  const scopes = page.getByTestId("scopes");
  await expect(scopes).not.toContainText("payments-db");
  await expect(scopes.getByRole("row").filter({ hasText: "reports" })).toContainText("read");
  await expect(scopes).toContainText("logs");
  const history = page.getByRole("table", { name: "Audit events for this identity" });
  await expect(history).toContainText("identity.scopes");
  await expect(history).toContainText(campaignName);
  await signOut(page);

  // The auditor downloads the evidence: the CSV lists each item, the PDF opens and names every decision.
  await signIn(page, PERSONAS.auditor);
  await page.goto(campaignUrl);
  const csvLink = page.getByRole("link", { name: "Download evidence of run #1 as CSV" });
  const pdfLink = page.getByRole("link", { name: "Download evidence of run #1 as PDF" });
  const csvAnswer = await page.request.get((await csvLink.getAttribute("href"))!);
  expect(csvAnswer.status()).toBe(200);
  const csvText = await csvAnswer.text();
  expect(csvText).toContain(certified);
  expect(csvText).toContain(silent);
  expect(csvText).toContain("certify");
  const pdfAnswer = await page.request.get((await pdfLink.getAttribute("href"))!);
  expect(pdfAnswer.status()).toBe(200);
  expect(pdfAnswer.headers()["content-type"]).toContain("application/pdf");
  const parser = new PDFParse({ data: new Uint8Array(await pdfAnswer.body()) });
  const { text } = await parser.getText();
  await parser.destroy();
  expect(text).toContain(campaignName);
  expect(text).toContain(certified);
  expect(text).toContain(silent);
  expect(text).toMatch(/certify/i);
  expect(text).toContain("payments-db");
  expect(text).toContain("the admin grant on payments-db was a leftover");
  expect(text).toMatch(/[0-9a-f]{64}/);
});
