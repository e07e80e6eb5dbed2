import AxeBuilder from "@axe-core/playwright";
import { type APIRequestContext, expect, type Page, test } from "@playwright/test";
import { createUser, PERSONAS, registerIdentity, signIn, unique } from "./helpers";

/** The screen as it is now (a preview, an open dialog) passes WCAG 2.1 AA. */
async function expectAccessibleNow(page: Page) {
  const { violations } = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  expect(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
}

/** Imports identities without an owner (as a source that names none would), as the signed-in admin. */
async function importOwnerless(request: APIRequestContext, names: string[], extra = "") {
  const lines = [
    "name,kind,platform,externalId,environment,purpose,tags",
    ...names.map((n) => `${n},service_account,e2e-claims,${n},test,Runs jobs,${extra}`),
  ];
  const response = await request.post("/api/registry/import?format=csv&dryRun=false", {
    data: lines.join("\n"),
    headers: { "content-type": "text/csv" },
  });
  expect(response.status(), await response.text()).toBe(200);
  const found = await request.get(`/api/registry/identities?platform=e2e-claims&q=${encodeURIComponent(names[0]!)}`);
  const { data } = (await found.json()) as { data: { identities: { id: string; name: string; owner: unknown }[] } };
  const identity = data.identities.find((i) => i.name === names[0]);
  expect(identity?.owner ?? null).toBeNull();
  return identity!;
}

test("an owner claims an identity that has no owner, and an admin sees the claim and can undo it", async ({ page, browser }) => {
  const adminContext = await browser.newContext();
  const admin = await adminContext.newPage();
  await signIn(admin, PERSONAS.admin);
  const name = unique("ownerless");
  const identity = await importOwnerless(admin.request, [name]);

  await signIn(page, PERSONAS.owner);
  await page.goto(`/registry/${identity.id}`);
  await expect(page.getByRole("heading", { name: "This identity has no owner" })).toBeVisible();
  await expectAccessibleNow(page);
  await page.getByRole("button", { name: "Claim this identity" }).click();
  await expect(page.getByRole("status").filter({ hasText: "You now own" })).toBeVisible();
  await expect(page.getByTestId("identity-details")).toContainText("Omar Owner");
  // Now theirs: the owner's actions are there, and the claim offer is gone.
  await expect(page.getByRole("heading", { name: "Transfer ownership" })).toBeVisible();
  await page.reload();
  await expect(page.getByRole("button", { name: "Claim this identity" })).toHaveCount(0);

  await admin.goto("/admin/claims");
  const row = admin.getByRole("row").filter({ hasText: name });
  await expect(row).toContainText(PERSONAS.owner);
  await expect(row).toContainText("The claimer owns it");
  await row.getByRole("button", { name: /^Undo the claim/ }).click();
  await expect(row.getByRole("status")).toContainText("has no owner again");
  await admin.reload();
  await expect(admin.getByRole("row").filter({ hasText: name })).toContainText("Undone");
  await adminContext.close();
});

test("an admin bulk-assigns a team to every identity matching a filter: preview first, then the change", async ({ page }) => {
  await signIn(page, PERSONAS.admin);
  const tag = unique("bulk").toLowerCase();
  const me = (await (await page.request.get(`/api/admin/users?q=${encodeURIComponent(PERSONAS.owner)}`)).json()) as {
    data: { users: { id: string }[] };
  };
  for (let i = 0; i < 3; i += 1) await registerIdentity(page.request, me.data.users[0]!.id, { tags: tag }, "bulk");

  await page.goto(`/registry?tag=${tag}`);
  await page.getByRole("button", { name: "Show bulk changes" }).click();
  const bulk = page.getByRole("form", { name: "Bulk change" });
  await bulk.getByLabel("All identities matching the filters").check();
  await bulk.getByLabel("Change", { exact: true }).selectOption("assignTeam");
  const team = unique("team").toLowerCase();
  await bulk.getByLabel("Team", { exact: true }).fill(team);
  await bulk.getByRole("button", { name: "Preview" }).click();
  await expect(page.getByTestId("bulk-preview-summary")).toHaveText("3 identities chosen: 3 will change.");
  const preview = page.getByTestId("bulk-preview");
  await expect(preview.getByRole("row")).toHaveCount(4);
  await expect(preview.getByRole("row").nth(1)).toContainText(`no team${team}`);
  await expectAccessibleNow(page);
  // Nothing changed yet.
  const before = (await (await page.request.get(`/api/registry/identities?team=${team}`)).json()) as { data: { total: number } };
  expect(before.data.total).toBe(0);

  await page.getByRole("button", { name: "Confirm: change 3 identities" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Done: 3 identities changed" })).toBeVisible();
  const after = (await (await page.request.get(`/api/registry/identities?team=${team}`)).json()) as { data: { total: number } };
  expect(after.data.total).toBe(3);
});

test("a member ticks rows: only their own change, the rest is refused and said so", async ({ page, browser }) => {
  const adminContext = await browser.newContext();
  const admin = await adminContext.newPage();
  await signIn(admin, PERSONAS.admin);
  const tag = unique("mixed").toLowerCase();
  const member = await createUser(admin.request, ["member"]);
  const other = await createUser(admin.request, ["member"]);
  await registerIdentity(admin.request, member.id, { tags: tag }, "mine");
  await registerIdentity(admin.request, other.id, { tags: tag }, "theirs");
  await adminContext.close();

  await signIn(page, member.email, member.password);
  await page.goto(`/registry?tag=${tag}`);
  // Ticking a row opens the bulk changes by itself.
  await page.getByRole("checkbox", { name: /^Select mine-/ }).check();
  const bulk = page.getByRole("form", { name: "Bulk change" });
  await bulk.getByLabel("Select all 2 on this page").check();
  await expect(bulk.getByLabel("The 2 selected identities")).toBeChecked();
  await bulk.getByLabel("Change", { exact: true }).selectOption("suspend");
  await bulk.getByLabel("Reason", { exact: true }).fill("paused during the review");
  await bulk.getByRole("button", { name: "Preview" }).click();
  await expect(page.getByTestId("bulk-preview-summary")).toContainText("1 will change, 1 not yours to change");
  await page.getByRole("button", { name: "Confirm: change 1 identity" }).click();
  await expect(page.getByRole("status").filter({ hasText: "1 refused" })).toBeVisible();
  await expect(page.getByTestId("identity-table")).toContainText("suspended");
});

test("deactivating someone who owns identities offers to transfer them in the same step", async ({ page }) => {
  await signIn(page, PERSONAS.admin);
  const leaver = await createUser(page.request, ["member"]);
  const heir = await createUser(page.request, ["approver"]);
  for (let i = 0; i < 2; i += 1) await registerIdentity(page.request, leaver.id, {}, "leaver");

  await page.goto(`/admin/users?q=${encodeURIComponent(leaver.email)}`);
  const row = page.getByTestId(`user-row-${leaver.email}`);
  await expect(row).toContainText("Owns 2, backs up 0");
  await row.getByRole("button", { name: "Deactivate" }).click();
  const dialog = page.getByRole("alertdialog");
  await expect(dialog).toContainText("owns 2 identities and backs up 0 identities");
  await expectAccessibleNow(page);
  await dialog.getByLabel("Transfer them to").selectOption(heir.id);
  await dialog.getByRole("button", { name: "Deactivate and transfer" }).click();
  await expect(row.getByRole("status")).toContainText("2 owned identities and 0 backed-up identities went to");

  const moved = (await (await page.request.get(`/api/registry/identities?owner=${heir.id}`)).json()) as { data: { total: number } };
  expect(moved.data.total).toBe(2);
});
