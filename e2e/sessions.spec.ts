import { type Browser, type BrowserContext, expect, type Page, type PlaywrightWorkerArgs, test } from "@playwright/test";
import { createUser, PERSONAS, signIn, signOut } from "./helpers";

// A session cookie copied before an event (an attacker's copy, a forgotten device) is replayed after it,
// from a client of its own: every event that ends a session must make the server refuse it with 401.

const SESSION_COOKIE = "next-auth.session-token";

async function sessionCookieOf(context: BrowserContext): Promise<string> {
  const cookie = (await context.cookies()).find((c) => c.name === SESSION_COOKIE);
  expect(cookie, "the browser holds a session cookie").toBeDefined();
  return cookie!.value;
}

/** Reads and writes through the API with nothing but the copied cookie; returns both statuses. */
async function replay(playwright: PlaywrightWorkerArgs["playwright"], token: string): Promise<{ read: number; write: number }> {
  const client = await playwright.request.newContext({
    baseURL: test.info().project.use.baseURL,
    extraHTTPHeaders: { cookie: `${SESSION_COOKIE}=${token}` },
  });
  try {
    const read = await client.get("/api/registry/identities?pageSize=1");
    const write = await client.post("/api/registry/identities", { data: { name: "replayed" } });
    return { read: read.status(), write: write.status() };
  } finally {
    await client.dispose();
  }
}

const REFUSED = { read: 401, write: 401 };

async function signedInPage(browser: Browser, email: string, password?: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await signIn(page, email, password);
  return page;
}

test("a session cookie copied before sign-out is refused after it", async ({ browser, playwright }) => {
  const admin = await signedInPage(browser, PERSONAS.admin);
  const user = await createUser(admin.request, ["member"]);
  const page = await signedInPage(browser, user.email, user.password);
  const copied = await sessionCookieOf(page.context());
  expect((await replay(playwright, copied)).read).toBe(200);

  await signOut(page);
  expect(await replay(playwright, copied)).toEqual(REFUSED);
});

test("deactivation ends a user's sessions, and reactivation does not bring them back", async ({ browser, playwright }) => {
  const admin = await signedInPage(browser, PERSONAS.admin);
  const user = await createUser(admin.request, ["member"]);
  const page = await signedInPage(browser, user.email, user.password);
  const copied = await sessionCookieOf(page.context());
  expect((await replay(playwright, copied)).read).toBe(200);

  const status = (value: string) => admin.request.post(`/api/admin/users/${user.id}/status`, { data: { status: value } });
  expect((await status("deactivated")).status()).toBe(200);
  expect(await replay(playwright, copied)).toEqual(REFUSED);
  expect((await status("active")).status()).toBe(200);
  expect(await replay(playwright, copied)).toEqual(REFUSED);

  // The user signs in again and gets a new session; the old cookie stays dead.
  const again = await signedInPage(browser, user.email, user.password);
  expect((await replay(playwright, await sessionCookieOf(again.context()))).read).toBe(200);
  expect(await replay(playwright, copied)).toEqual(REFUSED);
});

test("an admin's role change ends the sessions issued under the old roles", async ({ browser, playwright }) => {
  const admin = await signedInPage(browser, PERSONAS.admin);
  const user = await createUser(admin.request, ["member"]);
  const page = await signedInPage(browser, user.email, user.password);
  const copied = await sessionCookieOf(page.context());
  expect((await replay(playwright, copied)).read).toBe(200);

  const response = await admin.request.post(`/api/admin/users/${user.id}/roles`, { data: { roles: ["auditor"] } });
  expect(response.status(), await response.text()).toBe(200);
  expect(await replay(playwright, copied)).toEqual(REFUSED);
  await page.reload();
  await expect(page).toHaveURL(/\/signin/);
});

test("sign out everywhere ends the user's sessions on every device", async ({ browser, playwright }) => {
  const admin = await signedInPage(browser, PERSONAS.admin);
  const user = await createUser(admin.request, ["approver"]);
  const laptop = await signedInPage(browser, user.email, user.password);
  const phone = await signedInPage(browser, user.email, user.password);
  const copies = [await sessionCookieOf(laptop.context()), await sessionCookieOf(phone.context())];
  for (const copy of copies) expect((await replay(playwright, copy)).read).toBe(200);

  await laptop.getByRole("button", { name: "Sign out everywhere" }).click();
  await expect(laptop.getByText("You are signed out.")).toBeVisible();
  for (const copy of copies) expect(await replay(playwright, copy)).toEqual(REFUSED);
  await phone.reload();
  await expect(phone).toHaveURL(/\/signin/);

  // The ending is in the audit log, as the user's own action.
  const log = await admin.request.get(`/api/audit/export?actor=${encodeURIComponent(user.email)}&action=session.signOutEverywhere`);
  expect(await log.text()).toContain("session.signOutEverywhere");
});
