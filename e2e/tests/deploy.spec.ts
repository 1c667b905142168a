import { expect, test } from "../fixtures";
import { buildRemoteVariant, shellFiles, shop } from "../variants";

test("publishing and promoting a remote changes what a reload shows, without touching the shell; rollback restores it", async ({ page, request }) => {
  await page.goto("/account");
  await expect(page.getByRole("heading", { name: "Sign in", exact: true })).toBeVisible();
  const shellBefore = await shellFiles(request, await (await request.get("/account")).text());

  const version = `2.0.0-e2e.${Date.now()}`;
  const dist = buildRemoteVariant("account", "redesigned", [
    { file: "SignIn.tsx", from: '<h1 className="page-title">Sign in</h1>', to: '<h1 className="page-title">Sign in, redesigned</h1>' },
  ]);
  const deployed = shop("release", ["account", "--dist", dist, "--version", version, "--promote"]);
  expect(deployed).toContain(`account@${version} is live.`);

  await page.reload();
  await expect(page.getByRole("heading", { name: "Sign in, redesigned" })).toBeVisible();
  const shellAfter = await shellFiles(request, await (await request.get("/account")).text());
  expect(shellAfter).toEqual(shellBefore);

  const rolledBack = shop("release", ["account", "rollback"]);
  expect(rolledBack).toContain("rolled back");
  await page.reload();
  await expect(page.getByRole("heading", { name: "Sign in", exact: true })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Sign in, redesigned" })).toHaveCount(0);
});
