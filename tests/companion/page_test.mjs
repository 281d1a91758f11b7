// Drives the companion page in Debian's Chromium through playwright-core:
// opens it with its token, starts a session on the simulated frame loop,
// changes the volume, sees the status follow, presses Stop now and sees the
// ended state within a second.
//
// Usage: node page_test.mjs PROGRAM OUTPUT_FOLDER
//
// PROGRAM is the companion harness, or with PAGE_TEST_ARGS (a JSON array of
// arguments, such as ["run", "--wait", "--port", "0"]) the stillwater
// program itself, whose session then runs on a real display.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { chromium } from "playwright-core";

const [harnessPath, outputFolder] = process.argv.slice(2);
if (!harnessPath || !outputFolder) {
  console.error("usage: node page_test.mjs HARNESS_EXECUTABLE OUTPUT_FOLDER");
  process.exit(2);
}

function fail(message) {
  throw new Error(message);
}

// Starts the harness and resolves with the address it prints.
function startHarness() {
  const programArgs = process.env.PAGE_TEST_ARGS ? JSON.parse(process.env.PAGE_TEST_ARGS) : ["--port", "0"];
  const harness = spawn(harnessPath, programArgs, { stdio: ["ignore", "pipe", "inherit"] });
  const address = new Promise((resolve, reject) => {
    let output = "";
    const timer = setTimeout(() => reject(new Error("the program printed no address within 30 s")), 30_000);
    harness.stdout.on("data", (chunk) => {
      output += chunk;
      const match = output.match(/(?:Stillwater companion|Companion page): (http:\/\/\S+)/);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    harness.on("exit", (code) => reject(new Error(`the harness exited early with status ${code}`)));
  });
  return { harness, address };
}

const profile = mkdtempSync(path.join(tmpdir(), "stillwater-chromium-"));
const { harness, address } = startHarness();
let browser;
let status = 0;
try {
  const url = await address;
  // Playwright passes the fresh profile folder as --user-data-dir itself.
  browser = await chromium.launchPersistentContext(profile, {
    executablePath: "/usr/bin/chromium",
    viewport: { width: 1280, height: 1000 },
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
  const page = await browser.newPage();
  const errors = [];
  page.on("pageerror", (error) => errors.push(error.message));

  // Without the token the page says it is not connected and offers pairing.
  await page.goto(new URL("/", url).href);
  await page.locator("#message", { hasText: "This page is not connected." }).waitFor({ timeout: 5000 });
  await page.locator("#pair-section").waitFor({ state: "visible" });

  await page.goto(url);
  if (page.url().includes("token=")) fail(`the token stayed in the address: ${page.url()}`);
  if (await page.locator("#pair-section").isVisible()) fail("the pairing form shows although the page is connected");
  await page.locator("#state", { hasText: "Ready" }).waitFor({ timeout: 5000 });
  await page.locator("#scenes .scene").first().waitFor();

  // Start a five-minute session with the keyboard-reachable controls.
  await page.getByLabel("5 min", { exact: true }).check();
  await page.getByRole("button", { name: "Start session" }).click();
  await page.locator("#state", { hasText: /Starting|Running/ }).waitFor({ timeout: 3000 });
  const timeLeft = await page.locator("#time-left").textContent();
  if (!/^[45]:\d\d$/.test(timeLeft)) fail(`time left shows "${timeLeft}", expected about 5:00`);

  // Lower the volume from 70 % to 40 % with the arrow keys, as a keyboard user would.
  await page.locator("#volume").focus();
  for (let i = 0; i < 6; i += 1) await page.keyboard.press("ArrowLeft");
  await page.locator("#volume-value", { hasText: "40 %" }).waitFor({ timeout: 3000 });

  await page.locator("#mirror").waitFor({ state: "visible", timeout: 5000 });
  await page.waitForTimeout(1500);
  await page.screenshot({ path: path.join(outputFolder, "companion-page.png"), fullPage: true });

  const pressed = Date.now();
  await page.getByRole("button", { name: "Stop now" }).click();
  await page.locator("#state", { hasText: "Ended" }).waitFor({ timeout: 1000 });
  const elapsed = Date.now() - pressed;
  console.log(`Stop now showed the ended state after ${elapsed} ms`);
  await page.screenshot({ path: path.join(outputFolder, "companion-page-ended.png"), fullPage: true });

  if (errors.length > 0) fail(`the page raised errors: ${errors.join("; ")}`);
  console.log("companion page test passed");
} catch (error) {
  console.error(`companion page test failed: ${error.message}`);
  status = 1;
} finally {
  if (browser) await browser.close();
  harness.kill("SIGTERM");
  rmSync(profile, { recursive: true, force: true });
}
process.exit(status);
