import { expect, test } from "@playwright/test";

test("health answers 200 with migrations current, and pages carry the security headers", async ({ request }) => {
  const health = await request.get("/api/health");
  expect(health.status()).toBe(200);
  expect(await health.json()).toEqual({ ok: true, database: "reachable", migrations: "current" });

  const page = await request.get("/signin");
  const headers = page.headers();
  expect(headers["content-security-policy"]).toContain("frame-ancestors 'none'");
  expect(headers["content-security-policy"]).not.toContain("unsafe-eval");
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  expect(headers["strict-transport-security"]).toContain("max-age=");
});

test("unauthenticated API calls get 401 and pages redirect to sign-in", async ({ request, page }) => {
  expect((await request.get("/api/admin/users")).status()).toBe(401);
  await page.goto("/admin/users");
  await expect(page).toHaveURL(/\/signin/);
});
