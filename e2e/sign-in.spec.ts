import { expect, type Page, test } from "@playwright/test";
import { alertOf, PERSONAS, signIn, signOut } from "./helpers";

const START = ["My work", "Inbox", "Registry"];
const LATER = ["Break-glass", "Dashboard"];
const READERS = ["Audit log", "Users"];
const EXPECTED_NAV: Record<keyof typeof PERSONAS, string[]> = {
  admin: [...START, "Reviews", "Campaigns", ...LATER, ...READERS, "Claims", "Jobs", "Webhooks", "API tokens"],
  // Whoever may own identities reviews the items assigned to them.
  owner: [...START, "Reviews", ...LATER, "API tokens"],
  approver: [...START, "Reviews", ...LATER, "API tokens"],
  // Auditors read everything, the users, their roles, the campaigns and the jobs included (read-only: the policy
  // refuses changes); they review nothing.
  auditor: [...START, "Campaigns", ...LATER, ...READERS, "Jobs", "API tokens"],
};

for (const [persona, email] of Object.entries(PERSONAS) as [keyof typeof PERSONAS, string][]) {
  test(`${persona} signs in with a local account, sees the shell for their roles, and signs out`, async ({ page }) => {
    await signIn(page, email);
    const nav = page.getByRole("navigation", { name: "Sections" });
    await expect(nav.getByRole("link")).toHaveText(EXPECTED_NAV[persona]);
    await nav.getByRole("link", { name: "Dashboard" }).click();
    await expect(page.getByRole("heading", { name: "Posture", level: 1 })).toBeVisible();
    await signOut(page);
    await page.goto("/");
    await expect(page).toHaveURL(/\/signin/);
  });
}

test("a wrong password gets the same message as an unknown account", async ({ page }) => {
  await page.goto("/signin");
  await page.getByLabel("Email").fill(PERSONAS.owner);
  await page.getByLabel("Password").fill("not-the-password");
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(alertOf(page)).toContainText("Sign-in failed");
  const message = await alertOf(page).textContent();

  await page.goto("/signin");
  await page.getByLabel("Email").fill("nobody-here@demo.local");
  await page.getByLabel("Password").fill("not-the-password");
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(alertOf(page)).toHaveText(message!);
});

async function ssoSignIn(page: Page, login: string) {
  await page.goto("/signin");
  await page.getByRole("button", { name: "Continue with Test IdP" }).click();
  await page.locator('input[name="login"]').fill(login);
  await page.locator('input[name="password"]').fill("anything");
  await page.getByRole("button", { name: "Sign-in" }).click();
  const consent = page.getByRole("button", { name: "Continue" });
  if (await consent.isVisible({ timeout: 5_000 }).catch(() => false)) await consent.click();
}

const SSO_PERSONAS: { persona: keyof typeof PERSONAS; login: string; name: string; roles: string }[] = [
  { persona: "admin", login: "sso-admin", name: "Sam SSO Admin", roles: "Admin" },
  { persona: "owner", login: "sso-owner", name: "Oscar SSO Owner", roles: "Owner (member)" },
  { persona: "approver", login: "sso-approver", name: "Pia SSO Approver", roles: "Approver" },
  { persona: "auditor", login: "sso-auditor", name: "Ava SSO Auditor", roles: "Auditor" },
];

for (const { persona, login, name, roles } of SSO_PERSONAS) {
  test(`${persona} signs in through OIDC single sign-on, gets roles from IdP groups, and signs out`, async ({ page }) => {
    await ssoSignIn(page, login);
    await expect(page.getByTestId("current-user")).toHaveText(name);
    await expect(page.getByTestId("current-roles")).toHaveText(roles);
    await expect(page.getByRole("navigation", { name: "Sections" }).getByRole("link")).toHaveText(EXPECTED_NAV[persona]);
    await signOut(page);
    await page.goto("/");
    await expect(page).toHaveURL(/\/signin/);
  });
}

test("an IdP user whose groups map to no role is refused with a clear message", async ({ page }) => {
  await ssoSignIn(page, "sso-outsider");
  await expect(page).toHaveURL(/\/signin/);
  await expect(alertOf(page)).toContainText("this console has no access for your account");
});
