import { expect, test } from "@playwright/test";
import { alertOf, createUser, PERSONAS, signIn } from "./helpers";

test("an auditor's direct POST to an admin action is refused by the server and audited as denied", async ({ page, browser }) => {
  const adminContext = await browser.newContext();
  const adminPage = await adminContext.newPage();
  await signIn(adminPage, PERSONAS.admin);
  const target = await createUser(adminPage.request, ["member"]);

  await signIn(page, PERSONAS.auditor);
  // No button exists for this; the request goes straight to the server, as an attacker's would.
  const response = await page.request.post(`/api/admin/users/${target.id}/roles`, { data: { roles: ["admin"] } });
  expect(response.status()).toBe(403);
  expect(await response.json()).toMatchObject({ ok: false, code: "FORBIDDEN" });

  const list = await adminPage.request.get(`/api/admin/users?q=${encodeURIComponent(target.email)}`);
  expect(((await list.json()) as { data: { users: { roles: string[] }[] } }).data.users[0]!.roles).toEqual(["member"]);

  await page.goto(`/audit?outcome=denied&actor=${encodeURIComponent(PERSONAS.auditor)}&action=user.setRoles`);
  const table = page.getByTestId("audit-table");
  // Refused before any lookup, the event names the id that was asked for (the caller learns nothing more).
  await expect(table).toContainText(target.id);
  await expect(table).toContainText("denied");
  await expect(table).toContainText("requires one of the roles admin");
  await adminContext.close();
});

test("an owner is refused the audit log page, and the refusal is recorded", async ({ page, browser }) => {
  await signIn(page, PERSONAS.owner);
  await page.goto("/audit");
  await expect(alertOf(page)).toContainText("Not allowed");

  const auditorContext = await browser.newContext();
  const auditorPage = await auditorContext.newPage();
  await signIn(auditorPage, PERSONAS.auditor);
  await auditorPage.goto(`/audit?outcome=denied&actor=${encodeURIComponent(PERSONAS.owner)}&action=audit.read`);
  await expect(auditorPage.getByTestId("audit-table")).toContainText("audit.read");
  await auditorContext.close();
});

test("an auditor verifies the chain and exports the log as CSV", async ({ page }) => {
  await signIn(page, PERSONAS.auditor);
  await page.goto("/audit/verify");
  await expect(page.getByTestId("chain-status")).toHaveText("Intact");

  const csv = await page.request.get("/api/audit/export?action=user.seedDemo");
  expect(csv.status()).toBe(200);
  expect(csv.headers()["content-type"]).toContain("text/csv");
  const lines = (await csv.text()).trim().split("\n");
  expect(lines[0]).toMatch(/^seq,at,actorType,actorLabel,action/);
  expect(lines).toHaveLength(2);
  expect(lines[1]).toContain("system:demo-seed");
});

test("cross-origin writes are refused even with a valid session", async ({ page }) => {
  await signIn(page, PERSONAS.admin);
  const response = await page.request.post("/api/admin/users", {
    headers: { Origin: "https://evil.example" },
    data: { email: "x@evil.example", name: "X", roles: ["admin"], password: "e2e-password-123" },
  });
  expect(response.status()).toBe(403);
});

test("a server action posted from a foreign or malformed origin answers 403 and the refusal is recorded", async ({ page, browser }) => {
  await signIn(page, PERSONAS.owner);
  // Next.js would answer these with a 500 before looking up the action; the proxy refuses them first.
  for (const origin of ["https://evil.example", "not a url", "null"]) {
    const response = await page.request.post("/registry", { headers: { Origin: origin, "Next-Action": "0".repeat(42) }, data: "[]" });
    expect(response.status(), origin).toBe(403);
  }
  const auditorContext = await browser.newContext();
  const auditorPage = await auditorContext.newPage();
  await signIn(auditorPage, PERSONAS.auditor);
  await auditorPage.goto(`/audit?outcome=denied&actor=${encodeURIComponent(PERSONAS.owner)}&action=request.crossOrigin`);
  const table = auditorPage.getByTestId("audit-table");
  await expect(table).toContainText("POST /registry");
  await expect(table).toContainText("https://evil.example");
  await auditorContext.close();
});

test("bad percent-encoding in an id path is a 400, not a server error", async ({ page }) => {
  await signIn(page, PERSONAS.admin);
  for (const path of ["/api/registry/identities/%E0%A4%A", "/api/registry/identities/%", "/api/admin/users/%ZZ/status"]) {
    const response = path.endsWith("status") ? await page.request.post(path, { data: { status: "active" } }) : await page.request.get(path);
    expect(response.status(), path).toBeGreaterThanOrEqual(400);
    expect(response.status(), path).toBeLessThan(500);
  }
});
