import { expect, type Page, test } from "@playwright/test";
import { createUser, PERSONAS, registerIdentity, signIn } from "./helpers";

/** Registers an identity through the API as the signed-in person of `page`; returns its id, version and name. */
const register = (page: Page, ownerId: string, extra: Record<string, string> = {}) =>
  registerIdentity(page.request, ownerId, { purpose: "Reads invoices", ...extra }, "details");

async function signInHere(page: Page, email: string, password = "nhi-demo-2026") {
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
}

test("a page number past the end shows the last page, not an empty one", async ({ page }) => {
  await signIn(page, PERSONAS.admin);
  await page.goto("/registry?page=9999");
  const pager = page.getByRole("navigation", { name: "Pages" });
  const [, current, last] = /page (\d+) of (\d+)/.exec((await pager.textContent()) ?? "") ?? [];
  expect(current).toBe(last);
  await expect(page.getByTestId("identity-table")).toBeVisible();
  await expect(page.getByText("No identities match these filters.")).toHaveCount(0);

  await page.goto("/admin/users?page=9999");
  await expect(page.getByRole("navigation", { name: "Pages" })).toContainText(/page (\d+) of \1\b/);
});

test("a deep link survives sign-in, query and all", async ({ page }) => {
  await signIn(page, PERSONAS.admin);
  const owner = await createUser(page.request, ["member"]);
  const identity = await register(page, owner.id);
  await page.context().clearCookies();

  const deep = `/registry/${identity.id}?tab=history`;
  await page.goto(deep);
  await expect(page).toHaveURL(/\/signin\?callbackUrl=/);
  await signInHere(page, PERSONAS.admin);
  await expect(page).toHaveURL(deep);
  await expect(page.getByRole("heading", { name: identity.name })).toBeVisible();

  await page.context().clearCookies();
  const list = "/registry?environment=production&sort=credentialExpiresAt&dir=desc";
  await page.goto(list);
  await signInHere(page, PERSONAS.admin);
  await expect(page).toHaveURL(list);
});

test("a sign-in link never sends a person to another site", async ({ page, baseURL }) => {
  for (const callbackUrl of ["//evil.example/registry", "https://evil.example/", "/\\evil.example"]) {
    await page.context().clearCookies();
    await page.goto(`/signin?callbackUrl=${encodeURIComponent(callbackUrl)}`);
    await signInHere(page, PERSONAS.owner);
    await expect(page.getByTestId("current-user")).toBeVisible();
    expect(page.url()).toBe(`${baseURL}/`);
  }
});

test("an identity's page and edit page are titled with its name", async ({ page }) => {
  await signIn(page, PERSONAS.admin);
  const owner = await createUser(page.request, ["member"]);
  const identity = await register(page, owner.id);
  await page.goto(`/registry/${identity.id}`);
  await expect(page).toHaveTitle(`${identity.name} · Registry · NHI Console`);
  await page.goto(`/registry/${identity.id}/edit`);
  await expect(page).toHaveTitle(`Edit ${identity.name} · Registry · NHI Console`);
});

test("a missing identity is a not-found page with the way back to the registry", async ({ page }) => {
  await signIn(page, PERSONAS.owner);
  const response = await page.goto("/registry/00000000-0000-4000-8000-000000000000");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Not found" })).toBeVisible();
  await page.getByRole("link", { name: "Back to the registry" }).click();
  await expect(page).toHaveURL(/\/registry$/);
});

test("a change reads as field, before and after, in the audit log and in the identity's history", async ({ page, browser }) => {
  await signIn(page, PERSONAS.admin);
  const owner = await createUser(page.request, ["member"]);
  const identity = await register(page, owner.id, { tags: "billing, ci" });
  const long = `Archives invoices nightly ${"and keeps every copy for seven years ".repeat(3)}`.trim();
  const updated = await page.request.put(`/api/registry/identities/${identity.id}`, {
    data: {
      name: identity.name,
      kind: "service_account",
      platform: "aws",
      externalId: identity.name,
      environment: "production",
      purpose: long,
      ownerId: owner.id,
      tags: "billing",
      expectedVersion: identity.version,
    },
  });
  expect(updated.status(), await updated.text()).toBe(200);

  await page.goto(`/audit?action=identity.update&target=${encodeURIComponent(identity.name)}`);
  const diff = page.getByTestId("audit-table").getByTestId("change-diff");
  await expect(diff).toContainText("purpose");
  await expect(diff).toContainText("Reads invoices");
  await expect(diff).toContainText(/tags\s*billing, ci\s*→/);
  await expect(diff).not.toContainText("{");
  // The long purpose is cut, and the whole of it is one click away.
  await diff.getByText(/^Archives invoices nightly.*…$/).click();
  await expect(diff.getByText(long, { exact: true })).toBeVisible();

  const ownerContext = await browser.newContext();
  const ownerPage = await ownerContext.newPage();
  await signIn(ownerPage, owner.email, owner.password);
  await ownerPage.goto(`/registry/${identity.id}`);
  const history = ownerPage.getByTestId("identity-history").getByTestId("change-diff").first();
  await expect(history).toContainText("purpose");
  await expect(history).toContainText("Reads invoices");
  await expect(history).not.toContainText('"purpose"');
  await ownerContext.close();
});
