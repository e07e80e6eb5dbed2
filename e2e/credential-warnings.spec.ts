import { expect, type Page, test } from "@playwright/test";
import { createUser, PERSONAS, registerIdentity, signIn } from "./helpers";

// The list and the identity page warn about the same things, and never about rotating a token that expires by itself.

const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString();

const register = (page: Page, ownerId: string, credential: Record<string, string>) =>
  registerIdentity(page.request, ownerId, credential, credential.credentialType!.replaceAll("_", "-"));

test("a never-expiring static secret is warned about strongly; a short-lived token only says it expires by itself", async ({
  page,
}, testInfo) => {
  await signIn(page, PERSONAS.admin);
  const owner = await createUser(page.request, ["member"]);
  const secret = await register(page, owner.id, {
    credentialType: "static_secret",
    credentialIssuedAt: daysAgo(400),
    lastUsedAt: daysAgo(120),
  });
  const token = await register(page, owner.id, { credentialType: "short_lived_token", credentialIssuedAt: daysAgo(400) });

  for (const path of [`/registry/${secret.id}`, `/registry?q=${secret.name}`]) {
    await page.goto(path);
    const warnings = page.getByTestId("credential-warnings");
    await expect(warnings.locator('[data-severity="high"]')).toHaveText("Risk: no expiry: a static secret that never expires");
    await expect(warnings.locator('[data-severity="warning"]')).toHaveText([
      "Warning: never rotated, issued 400 days ago",
      "Warning: unused for 120 days",
    ]);
    if (!path.includes("?")) await page.screenshot({ path: testInfo.outputPath("static-secret-identity.png"), fullPage: true });
  }

  // The list says the token's use is not reported; the identity page says so in the credential's "Last used".
  await page.goto(`/registry?q=${token.name}`);
  const listed = page.getByTestId("credential-warnings");
  await expect(listed.locator("li")).toHaveText(["expires by itself: nothing to rotate", "use not reported by this source"]);
  await expect(listed.locator('[data-severity="info"]')).toHaveCount(2);
  await page.goto(`/registry/${token.id}`);
  const credential = page.getByTestId("credential");
  await expect(credential.getByTestId("credential-warnings").locator("li")).toHaveText(["expires by itself: nothing to rotate"]);
  await expect(credential).toContainText("not reported by its source");
  await page.screenshot({ path: testInfo.outputPath("short-lived-token-identity.png"), fullPage: true });
});
