import { expect, test } from "@playwright/test";
import { PERSONAS, signIn, unique } from "./helpers";

// Through the real server: the request proxy once buffered and cut every body at 10 MiB, so a 16 MB
// import committed a third of its rows as a success. The import route must receive the body whole.
test("an import body above 10 MiB arrives whole and commits every row, the last one intact", async ({ page }) => {
  test.setTimeout(180_000);
  await signIn(page, PERSONAS.admin);
  const run = unique("big");
  const purpose = (i: number) => `Row ${i} of ${run}: ${"moves ledger entries nightly between regions ".repeat(20).trim()}`;
  const count = 12_000;
  const lines = ["name,kind,platform,externalId,environment,purpose"];
  for (let i = 1; i <= count; i += 1) lines.push(`${run}-${i},service_account,e2e-big,${run}/${i},test,${purpose(i)}`);
  const body = lines.join("\n");
  expect(body.length).toBeGreaterThan(10 * 1_048_576);

  const response = await page.request.post("/api/registry/import?format=csv&dryRun=false", {
    data: body,
    headers: { "content-type": "text/csv" },
    timeout: 170_000,
  });
  expect(response.status(), await response.text()).toBe(200);
  expect(((await response.json()) as { data: { counts: { create: number } } }).data.counts.create).toBe(count);
  expect(response.headers()["x-request-id"]).toMatch(/^[\w.-]{1,64}$/);

  const found = await page.request.get(`/api/registry/identities?q=${encodeURIComponent(`${run}-${count}`)}`);
  const identities = ((await found.json()) as { data: { identities: { name: string; purpose: string }[] } }).data.identities;
  expect(identities.find((i) => i.name === `${run}-${count}`)?.purpose).toBe(purpose(count));
});
