import { expect, type Page, test } from "@playwright/test";
import { APP_URL, SMTP_MESSAGES_URL } from "../playwright.config";
import { createUser, PERSONAS, registerIdentity, signIn, signOut } from "./helpers";

// A person hears about an identity they own whose credential has expired: the admin runs the credential
// check now (it is hourly otherwise), the dispatch job (every 5 s) makes the inbox entry and the mail job
// (every 10 s) mails it to the test SMTP server playwright.config.ts starts (e2e/smtp/server.mjs), from
// which this spec reads the message back.

type Mail = { subject: string; text: string | null; html: string | null; envelopeTo: string[] };

async function mailsTo(page: Page, address: string): Promise<Mail[]> {
  const response = await page.request.get(`${SMTP_MESSAGES_URL}?to=${encodeURIComponent(address)}`);
  expect(response.status()).toBe(200);
  return (await response.json()) as Mail[];
}

const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString();

/** The admin's "Run now" on the jobs page. */
async function runNow(page: Page, handler: string) {
  await page.goto("/admin/jobs");
  const row = page.getByRole("row").filter({ hasText: handler });
  await row.getByRole("button", { name: /run now/i }).click();
  await expect(row).not.toContainText(/running/i, { timeout: 30_000 });
}

test("an owner gets a mail with a working deep link and an inbox entry for an expired credential", async ({ page }, testInfo) => {
  test.setTimeout(180_000);
  await signIn(page, PERSONAS.admin);
  const owner = await createUser(page.request, ["member"]);
  const identity = await registerIdentity(
    page.request,
    owner.id,
    {
      credentialType: "static_secret",
      credentialIssuedAt: daysAgo(400),
      credentialExpiresAt: daysAgo(2),
    },
    "expired-key",
  );
  await runNow(page, "identities.credentialCheck");
  await signOut(page);

  // The mail, read back from the SMTP server: subject, plain text and HTML, with a deep link to the identity.
  const deepLink = `${APP_URL}/registry/${identity.id}`;
  // The credential's mail (the posture evaluation may mail the owner about new findings too).
  const credentialMail = async () => (await mailsTo(page, owner.email)).find((m) => m.subject.includes(`${identity.name}: primary secret`));
  await expect.poll(credentialMail, { timeout: 120_000, intervals: [2_000] }).toBeTruthy();
  const mail = await credentialMail();
  expect(mail!.subject).toContain(`${identity.name}: primary secret`);
  expect(mail!.subject).toContain("expired on");
  expect(mail!.text).toContain(`Open it in the NHI Console: ${deepLink}`);
  expect(mail!.html).toContain(`href="${deepLink}"`);

  // The deep link works: it asks the person to sign in, then lands on the identity.
  await page.goto(deepLink);
  await expect(page).toHaveURL(/\/signin/);
  await page.getByLabel("Email").fill(owner.email);
  await page.getByLabel("Password").fill(owner.password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page).toHaveURL(deepLink);
  await expect(page.getByRole("heading", { level: 1, name: identity.name })).toBeVisible();

  // The shell counts the unread entries: this one and the posture evaluation's notice of the identity's new
  // findings (it arrives within seconds of the registration); My work and the inbox show them.
  await expect
    .poll(
      async () => {
        await page.goto("/inbox");
        return page.getByTestId("inbox-entry").count();
      },
      { timeout: 45_000, intervals: [2_000] },
    )
    .toBe(2);
  await expect(page.getByTestId("nav-badge-inbox")).toContainText("2");
  await page.goto("/");
  await expect(page.getByTestId("my-identities")).toContainText("Expired credential: 1 identity");
  await expect(page.getByTestId("my-inbox")).toContainText(`${identity.name}: primary secret`);
  await page.screenshot({ path: testInfo.outputPath("my-work.png"), fullPage: true });

  await page.getByRole("navigation", { name: "Sections" }).getByRole("link", { name: "Inbox" }).click();
  const entry = page.getByTestId("inbox-entry").filter({ hasText: `${identity.name}: primary secret` });
  await expect(entry).toContainText("An identity you own has an expired credential");
  await expect(entry).toContainText("mailed to you");
  await page.screenshot({ path: testInfo.outputPath("inbox.png"), fullPage: true });
  await entry.getByRole("link", { name: new RegExp(identity.name) }).click();
  await expect(page).toHaveURL(`/registry/${identity.id}`);
  await expect(page.getByRole("heading", { level: 1, name: identity.name })).toBeVisible();
  // Opening it read it; the findings' notice is still unread.
  await expect(page.getByTestId("nav-badge-inbox")).toContainText("1");
});

test("a person chooses what they hear about and how", async ({ page }, testInfo) => {
  await signIn(page, PERSONAS.admin);
  const person = await createUser(page.request, ["member"]);
  await signOut(page);
  await signIn(page, person.email, person.password);
  await page.goto("/inbox");
  await expect(page.getByText("Your inbox is empty.")).toBeVisible();
  await page.getByRole("link", { name: "Notification settings" }).first().click();
  await expect(page).toHaveURL("/settings/notifications");

  await page.getByLabel(/One daily digest/).check();
  await page.getByRole("checkbox", { name: "A review is overdue" }).uncheck();
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Saved." })).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath("notification-settings.png"), fullPage: true });

  await page.reload();
  await expect(page.getByLabel(/One daily digest/)).toBeChecked();
  await expect(page.getByRole("checkbox", { name: "A review is overdue" })).not.toBeChecked();
  await expect(page.getByRole("checkbox", { name: "An identity you own has an expired credential" })).toBeChecked();
});
