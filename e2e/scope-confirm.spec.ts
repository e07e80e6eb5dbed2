import AxeBuilder from "@axe-core/playwright";
import { expect, type Page, test } from "@playwright/test";
import { createUser, PERSONAS, registerIdentity, signIn } from "./helpers";

// Granting admin or a wildcard asks first, says why, and sends nothing until the person agrees.

/** As the signed-in admin: registers an identity owned by a new member and opens its page. */
async function openNewIdentity(page: Page) {
  const owner = await createUser(page.request, ["member"]);
  const { id, name } = await registerIdentity(page.request, owner.id, {}, "scoped");
  await page.goto(`/registry/${id}`);
  await expect(page.getByRole("heading", { name })).toBeVisible();
}

/** The server actions the page sends from now on (a server action is a POST with a Next-Action header). */
function recordActions(page: Page) {
  const sent: string[] = [];
  page.on("request", (request) => {
    if (request.method() === "POST" && request.headers()["next-action"]) sent.push(request.url());
  });
  return sent;
}

async function fillScope(page: Page, resource: string, action: string, level: string, environment = "") {
  await page.getByLabel("Resource").fill(resource);
  await page.getByLabel("Action", { exact: true }).fill(action);
  await page.getByLabel("Level", { exact: true }).selectOption(level);
  await page.getByLabel("Environment", { exact: true }).selectOption(environment);
  await page.getByRole("button", { name: "Add scope" }).click();
}

const confirmation = (page: Page) => page.getByRole("alertdialog", { name: "Grant this scope?" });

test.beforeEach(async ({ page }) => {
  await signIn(page, PERSONAS.admin);
  await openNewIdentity(page);
});

test("an admin scope asks first and says why; cancelling (button or Escape) sends nothing; confirming adds it", async ({ page }) => {
  const sent = recordActions(page);
  await fillScope(page, "payments-db", "rds:ModifyDBInstance", "admin", "production");
  const dialog = confirmation(page);
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText("Admin in production lets this identity change or delete anything");
  await expect(dialog).toContainText("Least privilege");
  await expect(dialog.getByRole("button", { name: "Cancel" })).toBeFocused();
  const { violations } = await new AxeBuilder({ page }).include("dialog").withTags(["wcag2a", "wcag2aa", "wcag21aa"]).analyze();
  expect(violations.map((v) => v.id)).toEqual([]);

  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole("button", { name: "Add scope" })).toBeFocused();
  await expect(page.getByLabel("Resource")).toHaveValue("payments-db");
  await page.getByRole("button", { name: "Add scope" }).click();
  await expect(dialog).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  expect(sent).toEqual([]);
  await expect(page.getByText("No scopes recorded.")).toBeVisible();

  await page.getByRole("button", { name: "Add scope" }).click();
  await confirmation(page).getByRole("button", { name: "Grant admin scope" }).click();
  await expect(page.getByText("Scope added.")).toBeVisible();
  await expect(page.getByLabel("Level of rds:ModifyDBInstance on payments-db")).toHaveValue("admin");
  expect(sent).toHaveLength(1);
});

test("a wildcard resource or action asks first; a named read scope does not", async ({ page }) => {
  const sent = recordActions(page);
  await fillScope(page, "orders-db", "rds:DescribeDBInstances", "read");
  await expect(page.getByText("Scope added.")).toBeVisible();
  await expect(confirmation(page)).toHaveCount(0);
  expect(sent).toHaveLength(1);

  await fillScope(page, "arn:aws:s3:::*", "s3:*", "read");
  const dialog = confirmation(page);
  await expect(dialog).toContainText('The resource "arn:aws:s3:::*" is a wildcard');
  await expect(dialog).toContainText('The action "s3:*" is a wildcard');
  await expect(dialog).not.toContainText("Admin");
  await dialog.getByRole("button", { name: "Cancel" }).click();
  expect(sent).toHaveLength(1);
  await page.reload();
  await expect(page.getByTestId("scopes")).not.toContainText("s3:*");

  await fillScope(page, "arn:aws:s3:::*", "s3:*", "read");
  await confirmation(page).getByRole("button", { name: "Grant read scope" }).click();
  await expect(page.getByLabel("Level of s3:* on arn:aws:s3:::*")).toHaveValue("read");
  expect(sent).toHaveLength(2);
});

test("raising a scope to admin asks; cancelling puts the level back and sends nothing; confirming raises it", async ({ page }) => {
  await fillScope(page, "ledger-db", "rds:ModifyDBInstance", "write");
  const level = page.getByLabel("Level of rds:ModifyDBInstance on ledger-db");
  await expect(level).toHaveValue("write");
  const sent = recordActions(page);

  await level.selectOption("admin");
  const dialog = confirmation(page);
  await expect(dialog).toContainText("Admin in every environment lets this identity");
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(level).toHaveValue("write");
  await expect(level).toBeFocused();
  expect(sent).toEqual([]);

  await level.selectOption("read");
  await expect(page.getByText("Scope level changed.")).toBeVisible();
  await expect(confirmation(page)).toHaveCount(0);
  await level.selectOption("admin");
  await confirmation(page).getByRole("button", { name: "Grant admin scope" }).click();
  await page.reload();
  await expect(page.getByLabel("Level of rds:ModifyDBInstance on ledger-db")).toHaveValue("admin");
  expect(sent).toHaveLength(2);
});
