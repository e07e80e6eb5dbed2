import { once } from "node:events";
import { createServer } from "node:http";
import { writeFileSync } from "node:fs";
import { expect, type APIRequestContext, type Page, test } from "@playwright/test";
import { SMTP_MESSAGES_URL, TEST_CLOCK_FILE } from "../playwright.config";
import { alertOf, PERSONAS, registerIdentity, signIn, signOut, unique } from "./helpers";

// Break-glass as the Done-when tells it: an owner asks for production admin on an identity for an hour;
// their own approval is refused by the server and recorded; two approvers approve and it is active; with the
// server's clock moved to its end the check endpoint answers "not active" from that second and a webhook receiver
// gets grant.ended; an emergency activates at once and the approvers get mail; the after-action review is filed
// and demands a rotation, and a new request waits until the rotation is recorded; the kill switch revokes and
// suspends in one step; an AI-agent token files a request through the API and may not approve it.
// The clock moves (playwright.config.ts: TEST_CLOCK_FILE), so this spec runs in its own last project.

type Mail = { subject: string; text: string | null; envelopeTo: string[] };
type Delivery = { type: string; data: { requestId: string } };

/** Moves the server's clock so that it reads `at` now (lib/server/clock.ts reads the file; fractions of a second count). */
const setServerClockTo = (at: number) => writeFileSync(TEST_CLOCK_FILE, String((at - Date.now()) / 1000));

// One worker, in order: the clock is the server's, shared by every test of the file. It goes back to the real time
// afterwards (the scheduler realigns its next runs), as the review campaign that runs next counts its days from it.
test.describe.configure({ mode: "serial" });
test.afterAll(() => writeFileSync(TEST_CLOCK_FILE, "0"));

/** A webhook receiver on 127.0.0.1:4478 collecting what the console posts. */
async function receiver() {
  const received: Delivery[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      received.push(JSON.parse(Buffer.concat(chunks).toString("utf8")) as Delivery);
      res.writeHead(204).end();
    });
  });
  server.listen(4478, "127.0.0.1");
  await once(server, "listening");
  return { url: "http://127.0.0.1:4478/grants", received, close: () => new Promise((r) => server.close(r)) };
}

async function mailsTo(page: Page, address: string): Promise<Mail[]> {
  const response = await page.request.get(`${SMTP_MESSAGES_URL}?to=${encodeURIComponent(address)}`);
  expect(response.status()).toBe(200);
  return (await response.json()) as Mail[];
}

/** Files a request from the form on the identity's break-glass section. */
async function requestFromIdentityPage(
  page: Page,
  identityId: string,
  fields: { resource: string; action: string; level: string; reason: string; ticket: string; duration: string; emergency?: boolean },
) {
  await page.goto(`/registry/${identityId}`);
  await page.getByTestId("identity-breakglass").getByRole("link", { name: "Request elevation" }).click();
  await page.getByLabel("Resource 1").fill(fields.resource);
  await page.getByLabel("Action 1").fill(fields.action);
  await page.getByLabel("Level 1").selectOption(fields.level);
  await page.getByLabel("Environment 1").selectOption("production");
  await page.getByLabel("Reason").fill(fields.reason);
  await page.getByLabel(/^Ticket/).fill(fields.ticket);
  await page.getByLabel("Duration").selectOption(fields.duration);
  if (fields.emergency) await page.getByLabel(/^Emergency/).check();
  await page.getByRole("button", { name: /^Request elevation of/ }).click();
  await page.waitForURL(/\/break-glass\/[0-9a-f-]{36}$/);
  return page.url().split("/").pop()!;
}

async function check(request: APIRequestContext, token: string, identityId: string, resource: string) {
  const query = new URLSearchParams({ identityId, resource, action: "rds:*", level: "admin", environment: "production" });
  const response = await request.get(`/api/breakglass/check?${query}`, { headers: { authorization: `Bearer ${token}` } });
  expect(response.status(), await response.text()).toBe(200);
  return ((await response.json()) as { data: { active: boolean; expiresAt: string | null; checkedAt: string } }).data;
}

/** An admin makes a token of this kind on the tokens page (service and agent tokens are made there, by an admin). */
async function makeToken(page: Page, kind: "agent" | "service", name: string, scopes: RegExp[]) {
  await page.goto("/settings/tokens");
  await page.getByLabel("Kind of token").selectOption(kind);
  await page.getByLabel("Name").fill(name);
  await page.getByLabel("Sponsor").selectOption({ label: "Omar Owner (owner@demo.local)" });
  await page.getByLabel("Purpose").fill("Break-glass end-to-end test");
  for (const scope of scopes) await page.getByRole("checkbox", { name: scope }).check();
  await page.getByRole("button", { name: "Make token" }).click();
  return (await page.getByTestId("token-secret-value").textContent())!.trim();
}

test("an AI-agent token files a request through the API in its sponsor's name, and may not approve it", async ({ page }) => {
  await signIn(page, PERSONAS.admin);
  const owner = (
    (await (await page.request.get("/api/admin/users?q=owner@demo.local")).json()) as { data: { users: { id: string; email: string }[] } }
  ).data.users.find((u) => u.email === PERSONAS.owner)!;
  const identity = await registerIdentity(page.request, owner.id, {}, "bg-agent-target");
  const token = await makeToken(page, "agent", unique("oncall-agent"), [/Ask for a time-bound elevation/, /Read break-glass requests/]);
  await signOut(page);
  const auth = { authorization: `Bearer ${token}` };
  const filed = await page.request.post("/api/breakglass/requests", {
    headers: auth,
    data: {
      identityId: identity.id,
      scopes: [{ resource: "orders-db", action: "rds:Describe*", level: "read", environment: "production" }],
      reason: "The on-call agent needs to read the orders database to diagnose alert 5512",
      durationMinutes: 30,
    },
  });
  expect(filed.status(), await filed.text()).toBe(200);
  const request = ((await filed.json()) as { data: { id: string; requesterId: string; requesterTokenId: string | null; status: string } })
    .data;
  expect(request).toMatchObject({ requesterId: owner.id, status: "pending" });
  expect(request.requesterTokenId).toBeTruthy();
  const approve = await page.request.post(`/api/breakglass/requests/${request.id}/approve`, { headers: auth, data: {} });
  expect(approve.status()).toBe(403);
  expect(((await approve.json()) as { message: string }).message).toMatch(/person/);
  // The approver sees who filed it, and that a token did.
  await signIn(page, PERSONAS.approver);
  await page.goto(`/break-glass/${request.id}`);
  await expect(page.getByTestId("request-facts")).toContainText("through an API token");
  await expect(page.getByTestId("request-timeline").locator('[data-outcome="denied"]')).toContainText("approve");
});

test("break-glass: request, refused self-approval, two approvers, exact expiry, emergency, after-action review, rotation, kill switch", async ({
  page,
}) => {
  test.setTimeout(300_000);
  const hook = await receiver();
  try {
    // The admin sets the scene: the owner's two production identities, a receiver for grant events, a checking token.
    await signIn(page, PERSONAS.admin);
    const owner = (
      (await (await page.request.get("/api/admin/users?q=owner@demo.local")).json()) as { data: { users: { id: string; email: string }[] } }
    ).data.users.find((u) => u.email === PERSONAS.owner)!;
    const credential = { credentialType: "static_secret", credentialIssuedAt: new Date(Date.now() - 90 * 86_400_000).toISOString() };
    const payments = await registerIdentity(page.request, owner.id, credential, "bg-payments");
    const checkout = await registerIdentity(page.request, owner.id, credential, "bg-checkout");
    const webhook = await page.request.post("/api/admin/webhooks", {
      data: {
        name: unique("provisioning"),
        url: hook.url,
        eventTypes: ["grant.activated", "grant.ended", "grant.revoked"],
        format: "json",
      },
    });
    expect(webhook.status(), await webhook.text()).toBe(200);
    const checker = await page.request.post("/api/tokens", {
      data: { name: unique("grant-check"), purpose: "Provisioning asks whether a grant is live", scopes: ["grants.read"] },
    });
    expect(checker.status(), await checker.text()).toBe(200);
    const checkToken = ((await checker.json()) as { data: { secret: string } }).data.secret;
    await signOut(page);

    // The owner asks for production admin for one hour; approving it themselves is refused by the server, and recorded.
    await signIn(page, PERSONAS.owner);
    const requestId = await requestFromIdentityPage(page, payments.id, {
      resource: "payments-db",
      action: "rds:*",
      level: "admin",
      reason: "Add the missing index before the billing run",
      ticket: "CHG-2001",
      duration: "60",
    });
    await expect(page.getByTestId("request-facts")).toContainText("2 approvals by other people");
    await expect(page.getByTestId("decide").getByRole("button", { name: "Approve" })).toHaveCount(0);
    const own = await page.request.post(`/api/breakglass/requests/${requestId}/approve`, { data: {} });
    expect(own.status()).toBe(403);
    await page.reload();
    await expect(page.getByTestId("request-timeline").locator('[data-outcome="denied"][data-action="breakglass.approve"]')).toContainText(
      "by Omar Owner (owner@demo.local)",
    );
    await signOut(page);

    // Two approvers approve, each from their queue; the second activates it.
    for (const [approver, name] of [
      [PERSONAS.approver, "Priya Approver"],
      [PERSONAS.admin, "Ada Admin"],
    ]) {
      await signIn(page, approver!);
      await page.goto("/break-glass?view=queue");
      await page.getByTestId("breakglass-requests").getByRole("link", { name: payments.name }).click();
      await expect(page.getByTestId("request-context")).toContainText("Omar Owner");
      await page.getByRole("button", { name: "Approve", exact: true }).click();
      await expect(page.getByTestId("request-facts")).toContainText(`Approved by ${name}`);
      await signOut(page);
    }
    await signIn(page, PERSONAS.owner);
    await page.goto(`/break-glass/${requestId}`);
    await expect(page.getByTestId("active-banner")).toContainText("ends in");
    await page.goto(`/registry/${payments.id}`);
    await expect(page.getByTestId("identity-elevations")).toContainText("payments-db:rds:*");

    // The check endpoint, for provisioning: active until the second it ends, not active from it.
    const live = await check(page.request, checkToken, payments.id, "payments-db");
    expect(live.active).toBe(true);
    const end = new Date(live.expiresAt!).getTime();
    expect(end - new Date(live.checkedAt).getTime()).toBeGreaterThan(59 * 60_000);
    setServerClockTo(end - 3_000);
    const justBefore = await check(page.request, checkToken, payments.id, "payments-db");
    expect(justBefore.active).toBe(true);
    expect(new Date(justBefore.checkedAt).getTime()).toBeLessThan(end);
    setServerClockTo(end);
    const after = await check(page.request, checkToken, payments.id, "payments-db");
    expect(after.active).toBe(false);
    expect(new Date(after.checkedAt).getTime()).toBeGreaterThanOrEqual(end);
    expect(new Date(after.checkedAt).getTime()).toBeLessThan(end + 2_000);
    // The sweeper records the end and provisioning automation hears of it.
    await expect
      .poll(() => hook.received.filter((d) => d.type === "grant.ended").map((d) => d.data.requestId), { timeout: 45_000 })
      .toContain(requestId);
    expect(hook.received.filter((d) => d.type === "grant.activated").map((d) => d.data.requestId)).toContain(requestId);

    // An hour on, the owner's session has gone idle: a fresh sign-in.
    await page.context().clearCookies();
    await signIn(page, PERSONAS.owner);

    // An emergency on the other identity activates at once; every approver is mailed.
    const emergencyId = await requestFromIdentityPage(page, checkout.id, {
      resource: "checkout-queue",
      action: "sqs:*",
      level: "write",
      reason: "Consumers are stuck; purge the poisoned messages",
      ticket: "INC-7001",
      duration: "30",
      emergency: true,
    });
    await expect(page.getByTestId("active-banner")).toBeVisible();
    await expect
      .poll(
        async () => (await mailsTo(page, PERSONAS.approver)).some((m) => m.subject.includes(`Emergency break-glass on ${checkout.name}`)),
        {
          timeout: 45_000,
        },
      )
      .toBe(true);
    await signOut(page);

    // The approver files the after-action review and demands a rotation.
    await signIn(page, PERSONAS.approver);
    await page.goto(`/break-glass/${emergencyId}`);
    const review = page.getByRole("form", { name: "After-action review" });
    await review.getByLabel("What was done with the elevation").fill("Purged 31 poisoned messages; consumers recovered at once.");
    await review.getByLabel("Verdict").selectOption("justified");
    await review.getByLabel(/The credential must be rotated/).check();
    await review.getByRole("button", { name: "File the review" }).click();
    await expect(page.getByTestId("after-action-filed")).toContainText("Demanded and not recorded yet");
    await signOut(page);

    // The owner's next request on that identity is refused until the rotation is recorded; then it is filed.
    await signIn(page, PERSONAS.owner);
    const next = {
      identityId: checkout.id,
      scopes: [{ resource: "checkout-db", action: "rds:*", level: "write", environment: "production" }],
      reason: "Reindex after the incident",
      ticket: "CHG-2002",
      durationMinutes: 60,
    };
    const refused = await page.request.post("/api/breakglass/requests", { data: next });
    expect(refused.status()).toBe(409);
    expect(((await refused.json()) as { message: string }).message).toContain(`/break-glass/${emergencyId}`);
    await page.goto(`/break-glass/new?identityId=${checkout.id}`);
    await expect(alertOf(page)).toContainText("demanded a credential rotation that is not recorded yet");
    await page.goto(`/registry/${checkout.id}`);
    await page.getByTestId("rotate-credential").getByText("Record rotation", { exact: true }).click();
    await page.getByRole("button", { name: "Record rotation now" }).click();
    await expect(page.getByTestId("identity-breakglass")).not.toContainText("A new request would be refused");
    const accepted = await page.request.post("/api/breakglass/requests", { data: next });
    expect(accepted.status(), await accepted.text()).toBe(200);
    await signOut(page);

    // The approver pulls the kill switch: the live emergency grant is revoked, the waiting request cancelled, the identity suspended.
    await signIn(page, PERSONAS.approver);
    await page.goto(`/registry/${checkout.id}`);
    await page.getByRole("form", { name: "Kill switch" }).getByLabel("Why stop it").fill("Suspicious calls from an unknown address");
    await page.getByRole("button", { name: "Revoke all and suspend" }).click();
    await page.getByRole("alertdialog").getByRole("button", { name: "Revoke and suspend" }).click();
    await expect(page.getByText(/1 elevation\(s\) revoked, 1 pending request\(s\) cancelled/)).toBeVisible();
    await page.reload();
    await expect(page.getByTestId("identity-elevations")).toContainText("No elevation is active.");
    await expect(page.getByRole("main").locator("header").first()).toContainText("suspended");
    await expect
      .poll(() => hook.received.filter((d) => d.type === "grant.revoked").map((d) => d.data.requestId), { timeout: 45_000 })
      .toContain(emergencyId);
  } finally {
    await hook.close();
  }
});
