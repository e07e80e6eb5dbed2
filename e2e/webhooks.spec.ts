import { createHmac, timingSafeEqual } from "node:crypto";
import { once } from "node:events";
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import { expect, test } from "@playwright/test";
import { PERSONAS, signIn, unique } from "./helpers";

// An admin wires the console to receivers this spec runs on 127.0.0.1 (ports 4470-4479). The console's
// delivery job runs on the real clock every 5 seconds; playwright.config.ts starts it with
// WEBHOOK_RETRY_BASE_SECONDS=1 and WEBHOOK_DISABLE_AFTER_FAILURES=3, so a failing receiver is retried and
// disabled within seconds (docs/webhooks.md).

type Received = { headers: IncomingHttpHeaders; body: string };

async function receiver(port: number, status: number) {
  const received: Received[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString("utf8") });
      res.writeHead(status, { "content-type": "text/plain" }).end(status >= 400 ? "receiver is broken" : "ok");
    });
  });
  server.listen(port, "127.0.0.1");
  await once(server, "listening");
  return { url: `http://127.0.0.1:${port}/hooks/nhi`, received, close: () => new Promise((r) => server.close(r)) };
}

/** The receiver's side, as docs/webhooks.md tells receivers to check: HMAC-SHA256 over "t.body", t within 5 minutes. */
function verify(secret: string, header: string | undefined, body: string): boolean {
  const parts = Object.fromEntries(
    String(header ?? "")
      .split(",")
      .map((p) => p.trim().split("=", 2)),
  );
  const t = Number(parts.t);
  if (!Number.isInteger(t) || Math.abs(Date.now() / 1000 - t) > 300) return false;
  const expected = createHmac("sha256", secret).update(`${t}.${body}`, "utf8").digest();
  const given = Buffer.from(parts.v1 ?? "", "hex");
  return given.length === expected.length && timingSafeEqual(given, expected);
}

test("an admin adds an endpoint, sends a test event, and the receiver gets a correctly signed delivery", async ({ page }) => {
  const hook = await receiver(4470, 204);
  try {
    await signIn(page, PERSONAS.admin);
    await page.goto("/admin/webhooks");
    const name = unique("siem");
    const form = page.getByRole("region", { name: "Add an endpoint" });
    await form.getByLabel("Name", { exact: true }).fill(name);
    await form.getByLabel("URL", { exact: true }).fill(hook.url);
    await form.getByRole("checkbox", { name: /An identity you own has an expired credential/ }).check();
    await form.getByRole("button", { name: "Add endpoint" }).click();

    // The secret, shown this once.
    const secret = (await page.getByTestId("webhook-secret-value").textContent())!.trim();
    expect(secret).toMatch(/^whsec_[0-9a-f]{64}$/);
    await expect(page.getByTestId("webhook-table")).toContainText(name);

    await page.getByRole("link", { name: `Open ${name}` }).click();
    await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
    await expect(page.getByText(`ends in …${secret.slice(-4)}`)).toBeVisible();
    await page.getByRole("button", { name: "Send test event" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Test event queued" })).toBeVisible();

    await expect.poll(() => hook.received.length, { timeout: 30_000 }).toBe(1);
    const [got] = hook.received as [Received];
    expect(got.headers["x-nhi-event"]).toBe("webhook.test");
    expect(got.headers["x-nhi-delivery"]).toMatch(/^[0-9a-f-]{36}$/);
    expect(got.headers["x-nhi-signature"]).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    expect(verify(secret, got.headers["x-nhi-signature"] as string, got.body)).toBe(true);
    expect(verify(`${secret}0`, got.headers["x-nhi-signature"] as string, got.body)).toBe(false);
    expect(JSON.parse(got.body)).toMatchObject({ type: "webhook.test", title: `Test event for ${name}` });

    // The log shows it delivered (the page refreshes itself while a delivery is on its way).
    const row = page.getByTestId(`delivery-${got.headers["x-nhi-delivery"]}`);
    await expect(row).toHaveAttribute("data-status", "delivered", { timeout: 20_000 });
    await expect(row).toContainText("204");
  } finally {
    await hook.close();
  }
});

test("a failing receiver is retried, then the endpoint is disabled, and the admin sees the log and the reason", async ({ page }) => {
  test.setTimeout(120_000);
  const hook = await receiver(4471, 500);
  try {
    await signIn(page, PERSONAS.admin);
    const name = unique("broken");
    const created = await page.request.post("/api/admin/webhooks", { data: { name, url: hook.url, eventTypes: ["job.failed"] } });
    expect(created.status(), await created.text()).toBe(200);
    const { data } = (await created.json()) as { data: { endpoint: { id: string }; secret: string } };

    await page.goto(`/admin/webhooks/${data.endpoint.id}`);
    await page.getByRole("button", { name: "Send test event" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Test event queued" })).toBeVisible();

    // Three attempts (1 s, then 4 s apart, on a 5-second job): the third failure in a row disables it.
    await expect.poll(() => hook.received.length, { timeout: 60_000 }).toBeGreaterThanOrEqual(3);
    const ids = new Set(hook.received.map((r) => r.headers["x-nhi-delivery"]));
    expect(ids.size).toBe(1); // the same delivery, retried
    expect(hook.received.every((r) => verify(data.secret, r.headers["x-nhi-signature"] as string, r.body))).toBe(true);

    await expect(async () => {
      await page.reload();
      await expect(page.getByTestId("webhook-disabled")).toContainText("disabled after 3 consecutive failed deliveries: HTTP 500", {
        timeout: 1_000,
      });
    }).toPass({ timeout: 30_000 });
    const row = page.getByTestId("delivery-log").getByRole("row").nth(1);
    await expect(row).toHaveAttribute("data-status", "retrying");
    await expect(row).toContainText("500");
    await expect(row).toContainText("HTTP 500: receiver is broken");
    await expect(page.getByTestId("consecutive-failures")).toHaveText("3");
    await expect(page.getByRole("button", { name: "Send test event" })).toBeDisabled();

    // No more attempts while disabled.
    const attempts = hook.received.length;
    await page.goto(`/admin/webhooks/${data.endpoint.id}?status=retrying`);
    await expect(page.getByRole("link", { name: "Retrying" })).toHaveAttribute("aria-current", "page");
    await expect(page.getByTestId("delivery-log").getByRole("row")).toHaveCount(2);
    expect(hook.received.length).toBe(attempts);

    // The list says it too, and the audit log has the system's record.
    await page.goto("/admin/webhooks");
    await expect(page.getByTestId(`webhook-${data.endpoint.id}`)).toContainText("disabled after 3 consecutive failed deliveries");
    await page.goto(`/audit?action=webhook.disable&target=${encodeURIComponent(name)}`);
    await expect(page.getByTestId("audit-table")).toContainText("system");
  } finally {
    await hook.close();
  }
});
