import AxeBuilder from "@axe-core/playwright";
import { expect, type Page, test } from "@playwright/test";
import { PERSONAS, signIn } from "./helpers";

// On a phone the sidebar is a top bar with a "Menu" disclosure (a native <details>), and no page scrolls sideways:
// wide tables scroll inside their own frame.
const PHONE = { width: 390, height: 844 };
const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

const menu = (page: Page) => page.locator("aside summary", { hasText: "Menu" });
const sections = (page: Page) => page.getByRole("navigation", { name: "Sections" });

test("on a phone the pages do not scroll sideways, and the menu opens from the keyboard and leads to the registry", async ({ page }) => {
  // Signed in on a large screen (the helper waits for the person's name, which a phone shows inside the menu).
  await signIn(page, PERSONAS.owner);
  await page.setViewportSize(PHONE);

  for (const path of ["/", "/registry", "/dashboard", "/dashboard/findings", "/break-glass/new", "/reviews"]) {
    await page.goto(path);
    await page.waitForLoadState("networkidle");
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width, `${path} is no wider than the phone`).toBeLessThanOrEqual(PHONE.width);
  }

  await page.goto("/");
  await page.waitForLoadState("networkidle");
  // Closed: the top bar shows the section; the sections and the person are hidden until the menu opens.
  await expect(page.locator("aside")).toContainText("My work");
  await expect(menu(page)).toBeVisible();
  await expect(sections(page)).toBeHidden();
  await expect(page.getByTestId("current-user")).toBeHidden();
  let { violations } = await new AxeBuilder({ page }).withTags(TAGS).analyze();
  expect(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);

  await menu(page).focus();
  await page.keyboard.press("Enter");
  await expect(sections(page)).toBeVisible();
  await expect(page.getByTestId("current-user")).toBeVisible();
  await expect(page.getByRole("button", { name: "Sign out", exact: true })).toBeVisible();
  ({ violations } = await new AxeBuilder({ page }).withTags(TAGS).analyze());
  expect(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);

  await sections(page).getByRole("link", { name: "Registry" }).click();
  await expect(page).toHaveURL(/\/registry$/);
  await expect(page.getByRole("heading", { level: 1, name: "Registry" })).toBeVisible();
  // The shell stays across the navigation: the menu closes behind it, and the top bar names the new section.
  await expect(sections(page)).toBeHidden();
  await expect(page.locator("aside")).toContainText("Registry");
});

test("on a large screen the sidebar shows the sections and the person, with no menu button", async ({ page }) => {
  await page.setViewportSize({ width: 1400, height: 1000 });
  await signIn(page, PERSONAS.owner);
  await expect(sections(page)).toBeVisible();
  await expect(page.getByTestId("current-roles")).toBeVisible();
  await expect(menu(page)).toBeHidden();
});
