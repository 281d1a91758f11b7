// Drives the companion page in Debian's Chromium through playwright-core:
// opens it with its token, enters a bed code and before-scores, starts a
// session on the simulated frame loop, changes the volume, sees the status
// follow, presses Stop now and sees the ended state within a second. Then
// saves after-scores, finds the session in the history and downloads the
// CSV export.
//
// Usage: node page_test.mjs PROGRAM OUTPUT_FOLDER
//
// PROGRAM is the companion harness, or with PAGE_TEST_ARGS (a JSON array of
// arguments, such as ["run", "--wait", "--port", "0"]) the stillwater
// program itself, whose session then runs on a real display.
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { chromium } from "playwright-core";

const [harnessPath, outputFolder] = process.argv.slice(2);
if (!harnessPath || !outputFolder) {
  console.error("usage: node page_test.mjs HARNESS_EXECUTABLE OUTPUT_FOLDER");
  process.exit(2);
}

// The harness holds the place pictures back this long, as the real program
// does while it draws them.
const PICTURES_AFTER_S = 6;

function fail(message) {
  throw new Error(message);
}

// Starts the harness and resolves with the address it prints.
function startHarness() {
  const records = path.join(outputFolder, "harness-records.sqlite3");
  for (const suffix of ["", "-wal", "-shm", ".lock"]) rmSync(records + suffix, { force: true });
  const programArgs = process.env.PAGE_TEST_ARGS
    ? JSON.parse(process.env.PAGE_TEST_ARGS)
    : ["--port", "0", "--records", records, "--thumbnails-after", String(PICTURES_AFTER_S)];
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
    acceptDownloads: true,
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

  // While place pictures are drawn, every card shows a pending picture and
  // never a broken image; then each shows its real picture.
  const everyPicture = (wanted) =>
    [...document.querySelectorAll("#scenes .scene img")].every((image) => {
      const shown = image.complete && image.naturalWidth > 0;
      const pending = image.dataset.pending === "true";
      if (wanted === "pending") return shown && pending;
      if (wanted === "ready") return shown && !pending;
      return !image.complete || image.naturalWidth > 0;
    });
  if (process.env.PAGE_TEST_ARGS) {
    if (!(await page.evaluate(everyPicture, "not broken"))) fail("a place card shows a broken picture");
  } else {
    await page.waitForFunction(everyPicture, "pending", { timeout: 5000 }).catch(() => {
      fail("place cards did not show the pending picture while pictures were drawn");
    });
    await page.waitForFunction(everyPicture, "ready", { timeout: (PICTURES_AFTER_S + 10) * 1000 }).catch(() => {
      fail("place cards did not show their pictures once drawn");
    });
  }

  // Every place card's radio button has the same size, however its title wraps.
  const radioSizes = await page
    .locator("#scenes .scene input[type=radio]")
    .evaluateAll((radios) => radios.map((radio) => radio.getBoundingClientRect().width));
  if (new Set(radioSizes).size !== 1) fail(`place card radio buttons differ in width: ${radioSizes.join(", ")}`);

  // Sessions are recorded, so the page asks for a bed or room code first.
  await page.locator("#record").waitFor({ state: "visible", timeout: 5000 });
  await page.getByText("Never enter a name.").waitFor();
  await page.getByLabel("5 min", { exact: true }).check();
  await page.getByRole("button", { name: "Start session" }).click();
  await page.locator("#message", { hasText: "Enter the bed or room code first" }).waitFor({ timeout: 3000 });
  if ((await page.locator("#state").textContent()) !== "Ready") fail("a session started without a bed code");

  // Start a five-minute session with the keyboard-reachable controls.
  await page.locator("#label").fill("Bed 4");
  await page.getByLabel("Anxiety (0–10)").first().fill("6");
  await page.locator("#before-pain").fill("3");
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

  // After-scores, entered and saved with the keyboard; the rest are skipped.
  await page.locator("#after-section").waitFor({ state: "visible", timeout: 3000 });
  await page.locator("#after-anxiety").fill("2");
  await page.locator("#after-wellbeing").fill("8");
  await page.locator("#save-scores").focus();
  await page.keyboard.press("Enter");
  await page.locator("#message", { hasText: "Scores saved." }).waitFor({ timeout: 3000 });

  // The history shows the session with its scores; a filter for another
  // code shows none.
  const row = page.locator("#history-rows tr", { hasText: "Bed 4" });
  await page.locator("#history-rows tr", { hasText: "2/–/–/8" }).waitFor({ timeout: 5000 });
  const cells = await row.locator("td").allTextContents();
  if (cells[5] !== "Stopped now") fail(`the history says "${cells[5]}", expected "Stopped now"`);
  if (cells[6] !== "6/3/–/–") fail(`the before-scores read "${cells[6]}", expected 6/3/–/–`);
  if (cells[7] !== "2/–/–/8") fail(`the after-scores read "${cells[7]}", expected 2/–/–/8`);
  await page.locator("#history-label").fill("Bed 9");
  await page.getByRole("button", { name: "Show sessions" }).click();
  await page.locator("#history-rows", { hasText: "No sessions match." }).waitFor({ timeout: 3000 });
  await page.locator("#history-label").fill("Bed 4");
  await page.getByRole("button", { name: "Show sessions" }).click();
  await row.waitFor({ timeout: 3000 });
  await page.screenshot({ path: path.join(outputFolder, "companion-page-history.png"), fullPage: true });

  // The CSV download: one header row, then the session, with CRLF line ends.
  const [download] = await Promise.all([
    page.waitForEvent("download", { timeout: 5000 }),
    page.getByRole("link", { name: "Download CSV" }).click(),
  ]);
  if (!/^stillwater-records-\d{8}T\d{6}Z\.csv$/.test(download.suggestedFilename())) {
    fail(`the download is named "${download.suggestedFilename()}"`);
  }
  const csv = readFileSync(await download.path(), "utf8");
  const lines = csv.split("\r\n");
  if (lines.length !== 3 || lines[2] !== "") fail(`the CSV has ${lines.length - 1} lines, expected a header and one row: ${csv}`);
  if (!lines[0].startsWith("id,label,scene,started_at,ended_at,planned_s,actual_s,outcome,anxiety_before,")) {
    fail(`the CSV header is "${lines[0]}"`);
  }
  const fields = lines[1].split(",");
  const column = (name) => fields[lines[0].split(",").indexOf(name)];
  const expected = { label: "Bed 4", planned_s: "300", outcome: "stopped_now", anxiety_before: "6", pain_before: "3",
    breathlessness_before: "", anxiety_after: "2", wellbeing_after: "8", pain_after: "" };
  for (const [name, value] of Object.entries(expected)) {
    if (column(name) !== value) fail(`the CSV's ${name} is "${column(name)}", expected "${value}"`);
  }
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/.test(column("started_at"))) {
    fail(`the CSV's started_at is "${column("started_at")}", expected ISO 8601 UTC`);
  }

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
