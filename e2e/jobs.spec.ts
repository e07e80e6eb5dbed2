import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";
import { alertOf, PERSONAS, signIn } from "./helpers";

// The console's scheduler runs inside the server under test, on the real clock (lib/server/scheduler.ts).
// The daily digest is the job to run by hand: its schedule (08:00 UTC) never brings it round mid-test.

test("an admin sees the jobs, runs one now and sees its run", async ({ page }) => {
  await signIn(page, PERSONAS.admin);
  await page.getByRole("navigation").getByRole("link", { name: "Jobs" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Jobs" })).toBeVisible();
  const table = page.getByTestId("job-table");
  // The recurring jobs are there with their schedules; the frequent ones have run already.
  const dispatch = table.getByTestId("job-notifications.dispatch");
  await expect(dispatch).toContainText("every 5 seconds");
  await expect(dispatch).toContainText("*/5 * * * * *");
  // The outcome badge (the recent runs beside it repeat their outcomes for screen readers).
  await expect(dispatch.getByText("succeeded", { exact: true }).first()).toBeVisible({ timeout: 15_000 });
  await expect(table.getByTestId("job-notifications.digest")).toContainText("every day at 08:00 UTC");

  await table.getByRole("link", { name: "notifications.digest" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "notifications.digest" })).toBeVisible();
  const manualRuns = page.locator('[data-trigger="manual"]');
  const before = await manualRuns.count();
  await page.getByRole("button", { name: "Run now: notifications.digest" }).click();
  await expect(page.getByText("Started: it runs within seconds")).toBeVisible();
  // The page refreshes itself until the run is recorded.
  await expect(manualRuns).toHaveCount(before + 1, { timeout: 20_000 });
  await expect(manualRuns.first()).toHaveAttribute("data-outcome", "succeeded", { timeout: 20_000 });
  await expect(manualRuns.first()).toContainText("run now, by hand");
  await expect(alertOf(page)).toHaveCount(0);
  // The job's own page, with its run history, passes WCAG 2.1 AA like every other page (e2e/accessibility.spec.ts).
  const { violations } = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  expect(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
});

test("an auditor reads the jobs but is offered no Run now; a member may not open them", async ({ page, browser }) => {
  await signIn(page, PERSONAS.auditor);
  await page.goto("/admin/jobs");
  await expect(page.getByTestId("job-notifications.dispatch")).toBeVisible();
  await expect(page.getByRole("button", { name: /^Run now/ })).toHaveCount(0);

  const other = await browser.newPage();
  await signIn(other, PERSONAS.owner);
  await other.goto("/admin/jobs");
  await expect(other.getByTestId("page-problem-forbidden")).toBeVisible();
  await other.close();
});
