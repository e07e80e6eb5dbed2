import { createHash } from "node:crypto";
import AxeBuilder from "@axe-core/playwright";
import { expect, type Page, test } from "@playwright/test";
import { PERSONAS, signIn, unique } from "./helpers";

// After a commit, the import says what it did and links to exactly the identities it created or changed;
// the import history lists it with who, the file's hash and size, and the same link.

const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];
async function expectAccessible(page: Page) {
  const { violations } = await new AxeBuilder({ page }).withTags(TAGS).analyze();
  expect(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
}

test("a committed import links to the identities it wrote and appears in the import history", async ({ page }) => {
  await signIn(page, PERSONAS.admin);
  const names = [unique("imported-bot"), unique("imported-bot")];
  const csv = ["name,kind,platform,externalId,environment,purpose", ...names.map((n) => `${n},bot,slack,${n},test,Posts alerts`)].join(
    "\n",
  );
  const hash = createHash("sha256").update(csv).digest("hex");

  await page.goto("/registry/import");
  await page.getByLabel("Format").selectOption("csv");
  await page.getByLabel("File", { exact: true }).setInputFiles({ name: "bots.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
  await page.getByRole("button", { name: "Dry run" }).click();
  const result = page.getByTestId("import-result");
  await expect(result.getByTestId("import-counts")).toContainText("2 to create");
  await result.getByRole("button", { name: "Import 2 identities" }).click();
  const affected = result.getByRole("link", { name: "See the 2 identities this import created or changed" });
  await expect(affected).toBeVisible();
  await expectAccessible(page);
  await affected.click();

  await expect(page).toHaveURL(/\/registry\?importId=[0-9a-f-]{36}$/);
  const table = page.getByTestId("identity-table");
  await expect(table.getByRole("link")).toHaveText([...names].sort());

  await page.goto("/registry/imports");
  const run = page.getByTestId("import-run").filter({ has: page.locator(`code[title="SHA-256 ${hash}"]`) });
  await expect(run).toHaveCount(1);
  await expectAccessible(page);
  await expect(run).toContainText(PERSONAS.admin);
  await expect(run).toContainText("Console CSV");
  await expect(run).toContainText(`${Buffer.byteLength(csv)} B`);
  await expect(run).toContainText("2 created");
  await run.getByRole("link", { name: "2 identities" }).click();
  await expect(page.getByTestId("identity-table").getByRole("link")).toHaveText([...names].sort());
});
