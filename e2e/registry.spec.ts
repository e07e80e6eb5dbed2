import { readFileSync } from "node:fs";
import { expect, type Page, test } from "@playwright/test";
import { alertOf, createUser, PERSONAS, signIn, unique } from "./helpers";

/** Fills the registration form; the caller submits it. */
async function fillNewIdentity(page: Page, name: string, platform: string, externalId: string, purpose: string) {
  await page.goto("/registry/new");
  await page.getByLabel("Name", { exact: true }).fill(name);
  await page.getByLabel("Platform").fill(platform);
  await page.getByLabel("External id").fill(externalId);
  await page.getByLabel("Purpose (one)").fill(purpose);
}

test("an owner registers an identity, adds a scope, records a rotation and sees it all in the history", async ({ page }) => {
  await signIn(page, PERSONAS.owner);
  const name = unique("deployer");
  await fillNewIdentity(page, name, "aws", `arn:aws:iam::123456789012:user/${name}`, "Deploys the payments service from CI");
  await page.getByLabel("Credential type").selectOption("static_secret");
  await page.getByLabel("Expires").fill("2027-03-01T09:30:15");
  await page.getByRole("button", { name: "Register identity" }).click();
  await expect(page.getByRole("heading", { name })).toBeVisible();

  await page.getByLabel("Resource").fill("s3://payments-artifacts");
  await page.getByLabel("Action", { exact: true }).fill("s3:PutObject");
  await page.getByLabel("Level", { exact: true }).selectOption("write");
  await page.getByRole("button", { name: "Add scope" }).click();
  await expect(page.getByTestId("scopes")).toContainText("s3://payments-artifacts");

  const credential = page.getByTestId("credential");
  await credential.getByText("Record rotation", { exact: true }).click();
  await credential.getByRole("button", { name: "Record rotation now" }).click();
  await expect(credential.locator("dt:text-is('Last rotated') + dd")).not.toHaveText("never");

  const history = page.getByTestId("identity-history");
  await expect(history).toContainText("identity.rotate");
  await expect(history).toContainText("identity.scopes");
  await expect(history).toContainText("identity.create");
});

test("a credential pasted into a field is refused and nothing is saved", async ({ page }) => {
  await signIn(page, PERSONAS.owner);
  const name = unique("leaky");
  await fillNewIdentity(page, name, "aws", `arn:aws:iam::123456789012:user/${name}`, "uses AKIAIOSFODNN7EXAMPLE to deploy");
  await page.getByRole("button", { name: "Register identity" }).click();
  await expect(alertOf(page).first()).toContainText("never the secret itself");
  await page.goto(`/registry?q=${name}`);
  await expect(page.getByText("No identities match these filters.")).toBeVisible();
});

test("an owner's attempt to edit someone else's identity is refused by the server and audited", async ({ page, browser }) => {
  const adminContext = await browser.newContext();
  const adminPage = await adminContext.newPage();
  await signIn(adminPage, PERSONAS.admin);
  const other = await createUser(adminPage.request, ["member"]);
  const name = unique("not-yours");
  const created = await adminPage.request.post("/api/registry/identities", {
    data: { name, kind: "bot", platform: "slack", externalId: name, environment: "production", purpose: "Posts alerts", ownerId: other.id },
  });
  expect(created.status(), await created.text()).toBe(200);
  const { data: identity } = (await created.json()) as { data: { id: string; version: number } };

  await signIn(page, PERSONAS.owner);
  const response = await page.request.put(`/api/registry/identities/${identity.id}`, {
    data: {
      name: "hijacked",
      kind: "bot",
      platform: "slack",
      externalId: name,
      environment: "production",
      purpose: "Mine now",
      expectedVersion: identity.version,
    },
  });
  expect(response.status()).toBe(403);

  await adminPage.goto(`/audit?outcome=denied&actor=${encodeURIComponent(PERSONAS.owner)}&action=identity.update`);
  await expect(adminPage.getByTestId("audit-table")).toContainText(name);
  await adminPage.goto(`/registry/${identity.id}`);
  await expect(adminPage.getByRole("heading", { name })).toBeVisible();
  await adminContext.close();
});

test("an admin imports an AWS credential report: the dry run names the bad row, the fixed file commits, a second import changes nothing", async ({
  page,
}) => {
  await signIn(page, PERSONAS.admin);
  const suffix = unique("acct").replace(/\W/g, "");
  const good = readFileSync("tests/fixtures/aws-credential-report.csv", "utf8").replaceAll(
    "123456789012",
    suffix.slice(-12).padStart(12, "9"),
  );
  const bad = good.replace("2023-02-01T00:00:00+00:00", "not-a-date");
  const upload = async (content: string) => {
    await page.locator("select[name=format]").selectOption("aws-credential-report");
    await page
      .getByLabel("File", { exact: true })
      .setInputFiles({ name: "report.csv", mimeType: "text/csv", buffer: Buffer.from(content) });
    await page.getByRole("button", { name: "Dry run" }).click();
  };
  await page.goto("/registry/import");
  await upload(bad);
  await expect(page.getByTestId("import-counts")).toContainText("2 to create, 0 to update, 0 unchanged, 1 rejected");
  await expect(page.getByTestId("import-result")).toContainText("credentials.0.issuedAt: issuedAt must be a");
  await expect(page.getByRole("button", { name: /^Import \d+ identities$/ })).toHaveCount(0);

  await upload(good);
  await expect(page.getByTestId("import-counts")).toContainText("3 to create");
  await page.getByRole("button", { name: "Import 3 identities" }).click();
  await expect(page.getByTestId("import-counts")).toContainText("Imported: 3 to create");

  await upload(good);
  await expect(page.getByTestId("import-counts")).toContainText("0 to create, 0 to update, 3 unchanged, 0 rejected");
  await page.goto(`/registry?q=${suffix.slice(-12).padStart(12, "9")}&noOwner=1`);
  await expect(page.getByTestId("identity-table").getByRole("row")).toHaveCount(4);
});

test("a departed owner's identities are transferred in bulk", async ({ page }) => {
  await signIn(page, PERSONAS.admin);
  const departing = await createUser(page.request, ["member"]);
  const heir = await createUser(page.request, ["member"]);
  for (const n of [1, 2, 3]) {
    const name = unique(`held-${n}`);
    const response = await page.request.post("/api/registry/identities", {
      data: {
        name,
        kind: "service_account",
        platform: "gcp",
        externalId: name,
        environment: "staging",
        purpose: "Batch jobs",
        ownerId: departing.id,
      },
    });
    expect(response.status()).toBe(200);
  }
  await page.request.post(`/api/admin/users/${departing.id}/status`, { data: { status: "deactivated" } });

  await page.goto("/admin/transfer");
  await page.locator("select[name=fromUserId]").selectOption(departing.id);
  await page.locator("select[name=toUserId]").selectOption(heir.id);
  await page.getByRole("button", { name: "Count identities" }).click();
  await expect(page.getByText("3 identities owned and 0 backed up will move.")).toBeVisible();
  await page.getByRole("button", { name: "Transfer them" }).click();
  // What will move is listed, and nothing moves until it is confirmed.
  await page.getByRole("alertdialog").getByRole("button", { name: "Transfer 3 identities" }).click();
  await expect(page.getByText("Transferred 3 owned and 0 backed-up identities.")).toBeVisible();

  const list = await page.request.get(`/api/registry/identities?owner=${heir.id}`);
  expect(((await list.json()) as { data: { total: number } }).data.total).toBe(3);
  const left = await page.request.get(`/api/registry/identities?owner=${departing.id}`);
  expect(((await left.json()) as { data: { total: number } }).data.total).toBe(0);
});

test("the registry exports the filtered view as CSV and JSON", async ({ page }) => {
  await signIn(page, PERSONAS.auditor);
  const csv = await page.request.get("/api/registry/export?format=csv&kind=ai_agent");
  expect(csv.status()).toBe(200);
  const lines = (await csv.text()).trim().split("\n");
  expect(lines[0]).toMatch(/^name,kind,platform,externalId/);
  expect(lines.length).toBeGreaterThan(5);
  expect(lines.slice(1).every((l) => l.includes(",ai_agent,"))).toBe(true);
  const json = (await (await page.request.get("/api/registry/export?format=json&kind=ai_agent")).json()) as { kind: string }[];
  expect(json).toHaveLength(lines.length - 1);
});

test("when two people edit the same identity, the second save is refused and names what changed", async ({ page, browser }) => {
  await signIn(page, PERSONAS.owner);
  const name = unique("shared-edit");
  await fillNewIdentity(page, name, "gcp", name, "Exports billing data");
  await page.getByRole("button", { name: "Register identity" }).click();
  await expect(page.getByRole("heading", { name })).toBeVisible();
  const editUrl = `${page.url()}/edit`;

  const adminContext = await browser.newContext();
  const adminPage = await adminContext.newPage();
  await signIn(adminPage, PERSONAS.admin);
  await adminPage.goto(editUrl);
  await page.goto(editUrl);

  await page.getByLabel("Purpose (one)").fill("Exports billing data to the warehouse");
  await page.getByRole("button", { name: "Save changes" }).click();
  // The page's description (the history shows the change too).
  await expect(page.getByRole("paragraph").filter({ hasText: /^Exports billing data to the warehouse$/ })).toBeVisible();

  await adminPage.getByLabel("Team").fill("finance");
  await adminPage.getByRole("button", { name: "Save changes" }).click();
  await expect(alertOf(adminPage)).toContainText("they changed purpose");
  await adminPage.goto(editUrl.replace("/edit", ""));
  await expect(adminPage.getByTestId("identity-details")).not.toContainText("finance");
  await adminContext.close();
});

test.describe("in the person's time zone", () => {
  test.use({ timezoneId: "Europe/Paris" });

  test("a date-time is entered and shown in local time, and an edit of the purpose leaves it to the second", async ({ page }) => {
    await signIn(page, PERSONAS.owner);
    const name = unique("tz-edit");
    await fillNewIdentity(page, name, "azure", name, "Reads the invoices queue");
    await page.getByLabel("Credential type").selectOption("static_secret");
    await page.getByLabel("Expires").fill("2027-03-01T09:30:15");
    await page.getByRole("button", { name: "Register identity" }).click();
    await expect(page.getByRole("heading", { name })).toBeVisible();
    const id = page.url().split("/").at(-1)!;
    const read = async () =>
      ((await (await page.request.get(`/api/registry/identities/${id}`)).json()) as { data: Record<string, string> }).data;
    // 09:30:15 in Paris on 1 March is 08:30:15 UTC.
    expect((await read()).credentialExpiresAt).toBe("2027-03-01T08:30:15.000Z");

    await page.goto(`/registry/${id}/edit`);
    await expect(page.getByLabel("Expires")).toHaveValue("2027-03-01T09:30:15");
    await page.getByLabel("Purpose (one)").fill("Reads and archives the invoices queue");
    await page.getByRole("button", { name: "Save changes" }).click();
    // The page's description (the history shows the change too).
    await expect(page.getByRole("paragraph").filter({ hasText: /^Reads and archives the invoices queue$/ })).toBeVisible();
    const after = await read();
    expect(after).toMatchObject({
      purpose: "Reads and archives the invoices queue",
      credentialExpiresAt: "2027-03-01T08:30:15.000Z",
      version: 2,
    });
  });
});
