import { expect, request as playwrightRequest, test } from "@playwright/test";
import { PERSONAS, signIn, unique } from "./helpers";

// A person makes an API token in the console, copies it, and a script (a request context with no cookies,
// only the Authorization header) calls the API with it; once revoked in the console, the next call is refused.

test("a person makes a token, a script uses it, and revoking it stops the script", async ({ page, context, baseURL }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await signIn(page, PERSONAS.owner);
  await page.goto("/settings/tokens");
  await expect(page.getByRole("heading", { name: "API tokens", level: 1 })).toBeVisible();

  const name = unique("laptop");
  await page.getByLabel("Name").fill(name);
  await page.getByLabel("Purpose").fill("Lists my identities from a shell script");
  await page.getByRole("checkbox", { name: /List and read identities/ }).check();
  await expect(page.getByLabel("Expires after (days)")).toHaveValue("30");
  await page.getByRole("button", { name: "Make token" }).click();

  const shown = page.getByTestId("token-secret-value");
  await expect(shown).toBeVisible();
  const token = (await shown.textContent())!.trim();
  expect(token).toMatch(/^nhic_[A-Za-z0-9]{8}_[A-Za-z0-9]{43}$/);
  await page.getByRole("button", { name: "Copy the token" }).click();
  await expect(page.getByRole("button", { name: "Copy the token" })).toHaveText("Copied");
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(token);
  const prefix = token.slice(0, 13);
  const row = page.getByTestId(`token-${prefix}`);
  await expect(row).toContainText(name);
  await expect(row).toContainText("active");

  // The script: no cookies, only the token.
  const script = await playwrightRequest.newContext({ baseURL, extraHTTPHeaders: { Authorization: `Bearer ${token}` } });
  try {
    const listed = await script.get("/api/registry/identities?pageSize=5");
    expect(listed.status(), await listed.text()).toBe(200);
    expect(((await listed.json()) as { ok: boolean }).ok).toBe(true);
    // Beyond its scope: refused by the policy.
    const export_ = await script.get("/api/registry/export?format=json");
    expect(export_.status()).toBe(403);
    // A token never reaches a page: with only the header, a page sends the caller to sign in.
    const pageCall = await script.get("/registry", { maxRedirects: 0 });
    expect(pageCall.status()).toBeGreaterThanOrEqual(300);
    expect(pageCall.status()).toBeLessThan(400);
    expect(pageCall.headers().location ?? "").toContain("/signin");

    // Its use shows in the console.
    await page.reload();
    await expect(page.getByTestId(`token-${prefix}`)).toContainText("just now");

    await page.getByRole("button", { name: `Revoke ${prefix} (${name})` }).click();
    const dialog = page.getByRole("alertdialog");
    await expect(dialog).toContainText("refused from its next call");
    await dialog.getByRole("button", { name: "Revoke token" }).click();
    await expect(page.getByTestId(`token-${prefix}`)).toContainText("revoked");

    const refused = await script.get("/api/registry/identities?pageSize=5");
    expect(refused.status()).toBe(401);
    expect(((await refused.json()) as { message: string }).message).toContain("revoked");
  } finally {
    await script.dispose();
  }
});

test("an admin makes a service token for a sponsor; it is in the registry as theirs", async ({ page }) => {
  await signIn(page, PERSONAS.admin);
  await page.goto("/settings/tokens");
  const name = unique("deploy-bot");
  await page.getByLabel("Kind of token").selectOption("service");
  await page.getByLabel("Name").fill(name);
  await page.getByLabel("Sponsor").selectOption({ label: "Omar Owner (owner@demo.local)" });
  await page.getByLabel("Purpose").fill("Deploys the storefront from CI");
  await page.getByRole("checkbox", { name: /List and read identities/ }).check();
  await page.getByRole("button", { name: "Make token" }).click();
  const token = (await page.getByTestId("token-secret-value").textContent())!.trim();
  const row = page.getByTestId(`token-${token.slice(0, 13)}`);
  await expect(row).toContainText("Service");
  await row.getByRole("link", { name: "Registry entry" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText(name);
  await expect(page.getByText("nhi-console").first()).toBeVisible();
});
