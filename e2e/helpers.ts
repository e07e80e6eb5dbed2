import { type APIRequestContext, type Page, expect } from "@playwright/test";

export const DEMO_PASSWORD = "nhi-demo-2026";
export const PERSONAS = {
  admin: "admin@demo.local",
  owner: "owner@demo.local",
  approver: "approver@demo.local",
  auditor: "auditor@demo.local",
} as const;

export async function signIn(page: Page, email: string, password = DEMO_PASSWORD) {
  await page.goto("/signin");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByTestId("current-user")).toBeVisible();
}

export async function signOut(page: Page) {
  const signedOut = page.getByText("You are signed out.");
  // The button signs out through next-auth's client: a click that lands before the page has hydrated does
  // nothing, so click again until the signed-out page shows (a loaded CI machine hydrates late).
  await expect(async () => {
    if (!(await signedOut.isVisible())) await page.getByRole("button", { name: "Sign out", exact: true }).click({ timeout: 2_000 });
    await expect(signedOut).toBeVisible({ timeout: 3_000 });
  }).toPass({ timeout: 20_000 });
}

export const unique = (prefix: string) => `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 7)}`;

/** Adds a local user through the admin API, as the signed-in admin of `request`. */
export async function createUser(request: APIRequestContext, roles: string[]) {
  const email = `${unique("user")}@e2e.test`;
  const response = await request.post("/api/admin/users", { data: { email, name: `E2E ${email}`, roles, password: "e2e-password-123" } });
  expect(response.status(), await response.text()).toBe(200);
  const body = (await response.json()) as { data: { id: string; email: string } };
  return { ...body.data, password: "e2e-password-123" };
}

/** The page's own alert (Next.js adds an empty route announcer with the same role). */
export const alertOf = (page: Page) => page.locator('[role="alert"]:not(#__next-route-announcer__)');

/** Registers an identity through the API as the signed-in person of `request`; `extra` overrides any field. */
export async function registerIdentity(request: APIRequestContext, ownerId: string, extra: Record<string, string> = {}, prefix = "e2e") {
  const name = unique(prefix);
  const response = await request.post("/api/registry/identities", {
    data: {
      name,
      kind: "service_account",
      platform: "aws",
      externalId: name,
      environment: "production",
      purpose: "Runs jobs",
      ownerId,
      ...extra,
    },
  });
  expect(response.status(), await response.text()).toBe(200);
  const { data } = (await response.json()) as { data: { id: string; version: number } };
  return { ...data, name };
}
