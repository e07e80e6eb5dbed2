import AxeBuilder from "@axe-core/playwright";
import { expect, type Locator, test } from "@playwright/test";
import { createUser, PERSONAS, registerIdentity, signIn } from "./helpers";

// An identity holds several credentials, each with its own dates: the page shows each, flags two active at
// once, and records a rotation on the one rotated, leaving the other's age as it was.

test.use({ timezoneId: "UTC" });

const DAY = 86_400_000;
const daysAgo = (n: number) => new Date(Date.now() - n * DAY).toISOString();
const inDays = (n: number) => new Date(Date.now() + n * DAY).toISOString();
/** An instant as a datetime-local value (the browser runs in UTC here). */
const local = (iso: string) => iso.slice(0, 19);
const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];
const lastRotated = (credential: Locator) => credential.locator("dt:text-is('Last rotated') + dd");

test("an identity with two credentials shows both and flags '2 active'; rotating one leaves the other's age unchanged", async ({
  page,
  browser,
}, testInfo) => {
  test.setTimeout(120_000);
  await signIn(page, PERSONAS.admin);
  const owner = await createUser(page.request, ["member"]);
  const identity = await registerIdentity(
    page.request,
    owner.id,
    { credentialType: "static_secret", credentialIssuedAt: daysAgo(400), credentialExpiresAt: inDays(200) },
    "two-keys",
  );

  await page.goto(`/registry/${identity.id}`);
  const credentials = page.getByTestId("credentials");
  const summary = credentials.getByTestId("credentials-summary");
  await expect(credentials.getByTestId("credential")).toHaveCount(1);
  await expect(summary).toContainText("1 active");
  await expect(summary).toContainText("oldest active credential 400 days old");

  // A second key, added on the page.
  await credentials.getByText("Add a credential", { exact: true }).click();
  const add = page.getByRole("form", { name: "Add a credential" });
  await add.getByLabel("Handle").fill("…K7QX");
  await add.getByLabel("Type").selectOption("static_secret");
  await add.getByLabel("Issued").fill(local(daysAgo(30)));
  await add.getByLabel("Expires").fill(local(inDays(335)));
  await add.getByRole("button", { name: "Add credential" }).click();
  await expect(add.getByRole("status")).toHaveText("Credential …K7QX added.");

  const primary = credentials.locator('[data-testid="credential"][data-handle="primary"]');
  const second = credentials.locator('[data-testid="credential"][data-handle="…K7QX"]');
  await expect(credentials.getByTestId("credential")).toHaveCount(2);
  await expect(summary.locator('[data-code="several-active"]')).toHaveText("Warning: 2 active credentials");
  await expect(summary).toContainText("oldest active credential 400 days old");
  await expect(primary.getByTestId("credential-warnings")).toHaveText("Warning: never rotated, issued 400 days ago");
  await expect(second.getByTestId("credential-warnings")).toHaveCount(0);
  await expect(second).toContainText(daysAgo(30).slice(0, 10));
  const { violations } = await new AxeBuilder({ page }).withTags(TAGS).analyze();
  expect(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
  await page.screenshot({ path: testInfo.outputPath("two-credentials.png"), fullPage: true });

  // The list shows the same finding as a badge.
  await page.goto(`/registry?q=${identity.name}`);
  await expect(page.getByTestId("identity-badges")).toContainText("2 active credentials");
  await page.goto(`/registry/${identity.id}`);

  // Rotating the old key: it is no longer overdue; the new key keeps its own age, now the oldest.
  await primary.getByText("Record rotation", { exact: true }).click();
  await primary.getByRole("button", { name: "Record rotation now" }).click();
  await expect(primary.getByRole("status")).toHaveText("Rotation of primary recorded.");
  await expect(primary.getByTestId("credential-warnings")).toHaveCount(0);
  await expect(lastRotated(primary)).not.toHaveText("never");
  await expect(lastRotated(second)).toHaveText("never");
  await expect(second).toContainText(daysAgo(30).slice(0, 10));
  await expect(summary).toContainText("oldest active credential 30 days old");
  await expect(page.getByText("credential primary rotated").first()).toBeVisible();

  // A member who neither owns nor backs it up sees the credentials, and no way to change them.
  const stranger = await createUser(page.request, ["member"]);
  const strangerContext = await browser.newContext({ timezoneId: "UTC" });
  const strangerPage = await strangerContext.newPage();
  await signIn(strangerPage, stranger.email, stranger.password);
  await strangerPage.goto(`/registry/${identity.id}`);
  await expect(strangerPage.getByTestId("credential")).toHaveCount(2);
  await expect(strangerPage.getByText("Record rotation", { exact: true })).toHaveCount(0);
  await expect(strangerPage.getByText("Add a credential", { exact: true })).toHaveCount(0);
  await expect(strangerPage.getByRole("button", { name: "Remove" })).toHaveCount(0);
  await strangerContext.close();

  // Marking the new key inactive asks first, then ends the "2 active" flag.
  await second.getByRole("button", { name: "Mark inactive" }).click();
  const dialog = page.getByRole("alertdialog", { name: "Mark …K7QX inactive?" });
  await expect(dialog).toContainText("cannot disable it for you");
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(second).toHaveAttribute("data-status", "active");
  await second.getByRole("button", { name: "Mark inactive" }).click();
  await dialog.getByRole("button", { name: "Mark inactive" }).click();
  await expect(second).toHaveAttribute("data-status", "inactive");
  await expect(summary).toContainText("1 active, 1 inactive");
  await expect(summary).toContainText("oldest active credential from today");
  await expect(summary.locator('[data-code="several-active"]')).toHaveCount(0);

  // Removing it asks too; the history keeps what it was.
  await second.getByRole("button", { name: "Remove" }).click();
  await page.getByRole("alertdialog", { name: "Remove …K7QX?" }).getByRole("button", { name: "Remove credential" }).click();
  await expect(credentials.getByTestId("credential")).toHaveCount(1);
  await expect(page.getByText("credential …K7QX removed").first()).toBeVisible();
});
