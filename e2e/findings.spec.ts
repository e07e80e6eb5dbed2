import { expect, test } from "@playwright/test";
import { PERSONAS, signIn } from "./helpers";

// An owner of the demo estate sees, on My work, the posture findings on the identities they own (counted per
// severity, the newest five linking to each identity's findings) and follows "See all" to the findings list filtered
// to them, every filter in the address. The demo's first evaluation runs on a job a few seconds after the server
// starts: the spec reloads until the card shows findings.

test("an owner sees the findings on their identities on My work and follows See all to the list filtered to them", async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page, PERSONAS.owner);
  const card = page.getByTestId("my-findings");
  await expect
    .poll(
      async () => {
        await page.goto("/");
        return page.getByTestId("my-findings-latest").getByRole("link").count();
      },
      { timeout: 60_000, intervals: [2_000] },
    )
    .toBeGreaterThan(0);
  await expect(card.getByRole("heading", { name: "Posture findings on your identities" })).toBeVisible();
  await expect(card.getByTestId("my-findings-counts")).toContainText(
    /On identities you own: \d+ open findings?: \d+ (critical|high|medium|low)/,
  );
  const owned = Number(await card.getByTestId("my-findings-counts").getAttribute("data-owned"));
  expect(owned).toBeGreaterThan(0);
  const newest = card.getByTestId("my-findings-latest").getByRole("link");
  expect(await newest.count()).toBeLessThanOrEqual(5);
  await expect(newest.first()).toHaveAttribute("href", /^\/registry\/[0-9a-f-]{36}#posture$/);

  await card.getByRole("link", { name: "See all" }).click();
  await expect(page).toHaveURL(/\/dashboard\/findings\?owner=me$/);
  await expect(page.getByRole("heading", { level: 1, name: "Findings" })).toBeVisible();
  await expect(page.getByLabel("Owner")).toHaveValue("me");
  await expect(page.getByLabel("Status")).toHaveValue("open");
  const total = Number(await page.getByTestId("findings-summary").getAttribute("data-total"));
  expect(total).toBeGreaterThan(0);
  // Every row is one of the owner's identities, most severe first.
  const table = page.getByTestId("findings-table");
  const rows = table.locator("tbody tr");
  expect(await rows.count()).toBe(Math.min(total, 50));
  for (const owner of await rows.locator("td:nth-child(2)").allInnerTexts()) expect(owner).toBe("Omar Owner");
  const severities = await rows.locator("[data-severity]").evaluateAll((els) => els.map((e) => e.getAttribute("data-severity")));
  const rank = ["critical", "high", "medium", "low"];
  expect(severities.map((s) => rank.indexOf(s!))).toEqual([...severities.map((s) => rank.indexOf(s!))].sort((a, b) => a - b));

  // A filter is part of the address; the identity opens at its findings.
  await page.getByLabel("Severity").selectOption(severities[0]!);
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(new RegExp(`owner=me.*severity=${severities[0]}|severity=${severities[0]}.*owner=me`));
  const first = table.locator("tbody tr").first().getByRole("link");
  const name = await first.innerText();
  await first.click();
  await expect(page).toHaveURL(/\/registry\/[0-9a-f-]{36}#posture$/);
  await expect(page.getByRole("heading", { level: 1 })).toContainText(name);
  await expect(page.getByTestId("posture-findings")).toBeVisible();
});
