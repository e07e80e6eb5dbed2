import AxeBuilder from "@axe-core/playwright";
import { expect, type Page, test } from "@playwright/test";
import { PERSONAS, signIn } from "./helpers";

// Every page, as every persona, against axe's WCAG 2.1 A and AA rules (contrast, names, labels, landmarks, headings).
const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

type Violations = Awaited<ReturnType<AxeBuilder["analyze"]>>["violations"];

/** One line per failing element: rule, impact, what to fix, where. */
const describe = (violations: Violations) =>
  violations
    .flatMap((v) =>
      v.nodes.map(
        (n) =>
          `[${v.id}, ${v.impact ?? "?"}] ${v.help}\n    at ${n.target.join(" ")}\n    ${(n.failureSummary ?? "").replaceAll("\n", "\n    ")}`,
      ),
    )
    .join("\n");

async function expectAccessible(page: Page, path: string) {
  const response = await page.goto(path);
  expect(response?.status(), `${path} answered`).toBeLessThan(500);
  await page.waitForLoadState("networkidle");
  const { violations } = await new AxeBuilder({ page }).withTags(TAGS).analyze();
  expect(violations, `${path}:\n${describe(violations)}`).toEqual([]);
}

/** An identity this persona can open (the demo data gives every persona some to see). */
async function anIdentityId(page: Page) {
  const response = await page.request.get("/api/registry/identities?pageSize=1");
  expect(response.status()).toBe(200);
  const body = (await response.json()) as { data: { identities: { id: string }[] } };
  const id = body.data.identities[0]?.id;
  expect(id, "the demo data has an identity to open").toBeTruthy();
  return id!;
}

const CONSOLE_PAGES = [
  "/",
  "/inbox",
  "/inbox?unread=1",
  "/settings/notifications",
  "/settings/tokens",
  "/registry",
  "/registry/new",
  "/registry/import",
  "/registry/imports",
  "/admin/users",
  "/admin/transfer",
  "/admin/claims",
  "/admin/agent-rules",
  "/admin/webhooks",
  "/admin/jobs",
  "/admin/jobs?view=problems",
  "/audit",
  "/audit/verify",
  "/reviews",
  "/reviews?status=undecided&sort=risks",
  "/reviews/campaigns",
  "/reviews/campaigns/new",
  "/break-glass",
  "/break-glass?view=all&environment=production",
  "/break-glass?view=active",
  "/break-glass/new",
  "/break-glass/policy",
  "/dashboard",
  "/dashboard?framework=nist-800-53&environment=production",
  "/dashboard/controls/nist-800-53/AC-2(3)",
  "/dashboard/controls/owasp-nhi/NHI1?check=ownerless",
  "/dashboard/policy",
  "/dashboard/findings",
  "/dashboard/findings?owner=me",
  "/dashboard/findings?status=all&severity=critical&environment=production",
  // A bad filter: the error is shown on its field.
  "/dashboard/findings?severity=urgent",
  // A well-formed id that does not exist: the console's own not-found page.
  "/registry/00000000-0000-4000-8000-000000000000",
];

/**
 * The review pages this persona can open: a campaign (admins and auditors) and an item assigned to them (reviewers;
 * the demo launches a quarterly campaign whose items reach the demo owners).
 */
async function reviewPages(page: Page): Promise<string[]> {
  const paths: string[] = [];
  const campaigns = await page.request.get("/api/reviews/campaigns?pageSize=1");
  if (campaigns.status() === 200) {
    const id = ((await campaigns.json()) as { data: { campaigns: { id: string }[] } }).data.campaigns[0]?.id;
    if (id) paths.push(`/reviews/campaigns/${id}`);
  }
  const items = await page.request.get("/api/reviews/items?pageSize=1");
  if (items.status() === 200) {
    const id = ((await items.json()) as { data: { items: { id: string }[] } }).data.items[0]?.id;
    if (id) paths.push(`/reviews/items/${id}`);
  }
  return paths;
}

/** A break-glass request this persona can open (the demo files some as the owner), and the request form for an identity. */
async function breakglassPages(page: Page, identityId: string): Promise<string[]> {
  const paths = [`/break-glass/new?identityId=${identityId}`];
  for (const view of ["mine", "all"]) {
    const response = await page.request.get(`/api/breakglass/requests?view=${view}&pageSize=1`);
    if (response.status() !== 200) continue;
    const id = ((await response.json()) as { data: { items: { id: string }[] } }).data.items[0]?.id;
    if (id) paths.push(`/break-glass/${id}`);
  }
  return paths;
}

for (const [persona, email] of Object.entries(PERSONAS)) {
  test(`every page passes WCAG 2.1 AA for the ${persona}`, async ({ page }) => {
    test.setTimeout(240_000);
    await signIn(page, email);
    const id = await anIdentityId(page);
    const reviews = await reviewPages(page);
    if (persona === "admin" || persona === "auditor") expect(reviews.some((p) => p.startsWith("/reviews/campaigns/"))).toBe(true);
    if (persona === "owner") expect(reviews.some((p) => p.startsWith("/reviews/items/"))).toBe(true);
    const breakglass = await breakglassPages(page, id);
    expect(breakglass.some((p) => /^\/break-glass\/[0-9a-f-]{36}$/.test(p))).toBe(true);
    for (const path of [...CONSOLE_PAGES, `/registry/${id}`, `/registry/${id}/edit`, ...reviews, ...breakglass])
      await expectAccessible(page, path);
  });
}

test("a webhook endpoint's page, with its settings, actions and delivery log, passes WCAG 2.1 AA", async ({ page }) => {
  await signIn(page, PERSONAS.admin);
  // A receiver that is not there (port 4479 is kept closed): the log fills with failed attempts.
  const created = await page.request.post("/api/admin/webhooks", {
    data: { name: `a11y-${Date.now()}`, url: "http://127.0.0.1:4479/none", eventTypes: ["job.failed"], format: "slack" },
  });
  expect(created.status(), await created.text()).toBe(200);
  const { data } = (await created.json()) as { data: { endpoint: { id: string } } };
  expect((await page.request.post(`/api/admin/webhooks/${data.endpoint.id}/test`)).status()).toBe(200);
  await expectAccessible(page, "/admin/webhooks");
  await expectAccessible(page, `/admin/webhooks/${data.endpoint.id}`);
  await expectAccessible(page, `/admin/webhooks/${data.endpoint.id}?status=failed`);
  await expectAccessible(page, "/admin/webhooks/00000000-0000-4000-8000-000000000000");
});

test("sign-in and an unknown address pass WCAG 2.1 AA when signed out", async ({ page }) => {
  await expectAccessible(page, "/signin");
  await expectAccessible(page, "/signin?error=OAuthCallback");
  await expectAccessible(page, "/no-such-page");
});

test("a form showing the server's errors passes WCAG 2.1 AA, and each error is tied to its field", async ({ page }) => {
  await signIn(page, PERSONAS.owner);
  await page.goto("/registry/new");
  await page.getByRole("button", { name: "Register identity" }).click();
  const name = page.getByLabel("Name", { exact: true });
  await expect(name).toHaveAttribute("aria-invalid", "true");
  await expect(name).toHaveAccessibleDescription("name is required");
  const { violations } = await new AxeBuilder({ page }).withTags(TAGS).analyze();
  expect(violations, describe(violations)).toEqual([]);
});

test("the browser's icon requests are answered with images", async ({ request }) => {
  for (const path of ["/favicon.ico", "/logo.svg"]) {
    const response = await request.get(path);
    expect(response.status(), path).toBe(200);
    expect(response.headers()["content-type"], path).toMatch(/^image\//);
  }
});
