// Drives one long `stillwater run` session through the companion API, as a
// nurse would over an afternoon. It measures resident memory over time, the
// longest gap between frames for each place shown, how long each change of
// place held the frame loop, and whether Vulkan validation reported anything.
//
// Run it through tools/soak.sh, which sets up the simulated headset. All
// traffic goes to the loopback address the program prints.

import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";

const usage = `Usage: soak.mjs --stillwater PATH [options]

  --minutes N          session length in minutes of session time, 1 to 110 (default 30)
  --step-seconds S     seconds between two nurse actions, 2 to 120 (default 15)
  --places A,B         places to switch between, the first shown at the start
                       (default sea,beach)
  --gap-places A,B     places whose frame gaps are held to --max-gap-ms (default sea)
  --max-gap-ms N       longest allowed gap between frames after warm-up, in ms,
                       100 or more, less any time spent waiting for the
                       runtime's frame timing (default 100)
  --settle-seconds S   seconds after a change of place whose gaps are not judged
                       (default 3)
  --max-load-ms N      longest allowed change of place, in ms (default 100)
  --max-growth-mb N    largest allowed growth of resident memory, in MB (default 1)
  --memory-window-s N  seconds of memory samples averaged at each end (default 60)
  --json FILE          also write the figures as JSON
  --log FILE           also write stillwater's output (log and messages)
  --help               show this text`;

function fail(message) {
  console.error(`soak: error: ${message}`);
  process.exit(2);
}

function parseArguments(argv) {
  const options = {
    stillwater: "",
    minutes: 30,
    stepSeconds: 15,
    places: ["sea", "beach"],
    gapPlaces: ["sea"],
    maxGapMs: 100,
    settleS: 3,
    maxLoadMs: 100,
    maxGrowthMb: 1,
    memoryWindowS: 60,
    json: "",
    log: "",
  };
  const number = (name, value, low, high) => {
    const parsed = Number(value);
    if (value === undefined || !Number.isFinite(parsed) || parsed < low || parsed > high) {
      fail(`${name}: invalid value "${value}": use a number from ${low} to ${high}`);
    }
    return parsed;
  };
  const list = (name, value) => {
    if (!value) fail(`${name} needs a comma-separated list of place names`);
    return value.split(",").filter((item) => item.length > 0);
  };
  for (let i = 0; i < argv.length; i += 1) {
    const name = argv[i];
    const value = argv[i + 1];
    switch (name) {
      case "--stillwater": options.stillwater = value ?? fail("--stillwater needs a path"); i += 1; break;
      case "--minutes": options.minutes = number(name, value, 1, 110); i += 1; break;
      case "--step-seconds": options.stepSeconds = number(name, value, 2, 120); i += 1; break;
      case "--places": options.places = list(name, value); i += 1; break;
      case "--gap-places": options.gapPlaces = list(name, value); i += 1; break;
      case "--max-gap-ms": options.maxGapMs = number(name, value, 100, 60000); i += 1; break;
      case "--settle-seconds": options.settleS = number(name, value, 0, 60); i += 1; break;
      case "--max-load-ms": options.maxLoadMs = number(name, value, 1, 60000); i += 1; break;
      case "--max-growth-mb": options.maxGrowthMb = number(name, value, 0, 100000); i += 1; break;
      case "--memory-window-s": options.memoryWindowS = number(name, value, 4, 600); i += 1; break;
      case "--json": options.json = value ?? fail("--json needs a file name"); i += 1; break;
      case "--log": options.log = value ?? fail("--log needs a file name"); i += 1; break;
      case "--help": case "-h": console.log(usage); process.exit(0); break;
      default: fail(`unknown argument "${name}"; run with --help for the options`);
    }
  }
  if (!options.stillwater) fail("--stillwater PATH is required");
  return options;
}

// Resident memory of a process in MB (10^6 bytes), from /proc.
function residentMb(pid) {
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    const match = /^VmRSS:\s+(\d+) kB$/m.exec(status);
    return match ? (Number(match[1]) * 1024) / 1e6 : null;
  } catch {
    return null;
  }
}

function median(values) {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)];
}

// The nurse's actions, repeated in this order for the whole session. Each
// returns the request to send; `place` is the next place in the rotation.
function actions(options) {
  let nextPlace = 1;
  const patch = (body) => () => ["PATCH", "/api/settings", body];
  const post = (path, body) => () => ["POST", path, body];
  return [
    patch({ brightness: 0.6 }),
    patch({ volume: 0.4 }),
    patch({ motion: "still" }),
    patch({ motion: "lively" }),
    patch({ recline_deg: 45 }),
    post("/api/session/recenter"),
    patch({ warm_colour: true }),
    patch({ mono_view: true }),
    patch({ breathing_guide: true, breaths_per_minute: 8 }),
    post("/api/session/pause"),
    post("/api/session/resume"),
    post("/api/session/extend", { minutes: 1 }),
    () => {
      const place = options.places[nextPlace % options.places.length];
      nextPlace += 1;
      return ["POST", "/api/session/scene", { scene: place }];
    },
    patch({ brightness: 1, volume: 0.7, motion: "gentle", recline_deg: 0 }),
    patch({ warm_colour: false, mono_view: false, breathing_guide: false }),
    post("/api/session/recenter"),
  ];
}

async function main() {
  const options = parseArguments(process.argv.slice(2));
  const started = Date.now();
  const seconds = () => (Date.now() - started) / 1000;

  // The session is recorded as usual, in a records file of its own.
  const recordsFolder = mkdtempSync(path.join(tmpdir(), "stillwater-soak-"));
  process.on("exit", () => rmSync(recordsFolder, { recursive: true, force: true }));
  const program = spawn(
    options.stillwater,
    ["--log-level", "debug", "run", "--wait", "--validation", "--port", "0", "--scene", options.places[0],
      "--records", path.join(recordsFolder, "records.db")],
    { stdio: ["ignore", "pipe", "pipe"] },
  );
  const log = [];
  let pageUrl = null;
  // When the companion's scene thumbnails were done: one-off work on a
  // background thread, started by the first request that needs the list.
  let thumbnailsDoneS = null;
  // Which place was on show from when, by the program's "Scene changed" lines.
  const shownFrom = [{ t: 0, place: options.places[0] }];
  let exitCode = null;
  const exited = new Promise((resolve) => program.on("exit", (code, signal) => {
    exitCode = code ?? `signal ${signal}`;
    resolve();
  }));
  const collect = (stream) => {
    let partial = "";
    stream.setEncoding("utf8");
    stream.on("data", (chunk) => {
      const lines = (partial + chunk).split("\n");
      partial = lines.pop();
      for (const line of lines) {
        log.push(line);
        const match = /^Companion page: (\S+)$/.exec(line);
        if (match) pageUrl = new URL(match[1]);
        if (thumbnailsDoneS === null && /Scene thumbnails rendered|Rendering scene thumbnails failed/.test(line)) {
          thumbnailsDoneS = seconds();
        }
        const changed = /Scene changed to (\S+) after/.exec(line);
        if (changed) shownFrom.push({ t: seconds(), place: changed[1] });
      }
    });
  };
  collect(program.stdout);
  collect(program.stderr);

  const stopProgram = () => {
    if (exitCode === null) program.kill("SIGTERM");
  };
  process.on("SIGINT", () => { stopProgram(); process.exit(130); });

  while (!pageUrl) {
    if (exitCode !== null) fail(`stillwater exited (${exitCode}) before printing the companion address:\n${log.join("\n")}`);
    if (seconds() > 60) { stopProgram(); fail("stillwater printed no companion address within 60 s"); }
    await sleep(100);
  }
  const token = pageUrl.searchParams.get("token");
  const origin = pageUrl.origin;

  const problems = [];
  const api = async (method, path, body) => {
    const headers = { Authorization: `Bearer ${token}`, Origin: origin };
    if (body !== undefined) headers["Content-Type"] = "application/json";
    const response = await fetch(origin + path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok) {
      // The state at the time distinguishes a rejected command from a broken one.
      const state = path === "/api/state" ? null : await api("GET", "/api/state");
      const during = state ? ` (state ${state.state}, headset worn ${state.headset_worn}, at ${seconds().toFixed(1)} s)` : "";
      problems.push(`${method} ${path} answered ${response.status}: ${text}${during}`);
      return null;
    }
    return text ? JSON.parse(text) : {};
  };
  const waitForState = async (wanted, limitS) => {
    const until = seconds() + limitS;
    while (seconds() < until) {
      const state = await api("GET", "/api/state");
      if (state && wanted.includes(state.state)) return state;
      await sleep(250);
    }
    return null;
  };

  const memory = [];
  const sampler = setInterval(() => {
    const mb = residentMb(program.pid);
    if (mb !== null) memory.push({ t: seconds(), mb });
  }, 2000);

  console.log(`soak: ${options.minutes} min session, an action every ${options.stepSeconds} s, places ${options.places.join(", ")}`);
  await api("POST", "/api/session/start", { scene: options.places[0], minutes: options.minutes, label: "Soak" });
  if (!(await waitForState(["fading_in", "running"], 30))) problems.push("the session did not start within 30 s");

  // The session clock stops while paused and while a place loads, so the
  // session's own played time decides when the soak has run long enough.
  const steps = actions(options);
  let step = 0;
  let warmUpEndS = null;
  while (true) {
    const state = await api("GET", "/api/state");
    if (!state) break;
    if (state.played_s >= options.minutes * 60) break;
    if (state.state === "ended") {
      problems.push(`the session ended early, after ${state.played_s.toFixed(0)} s played`);
      break;
    }
    const [method, path, body] = steps[step % steps.length]();
    await api(method, path, body);
    step += 1;
    if (step === steps.length) warmUpEndS = seconds();
    await sleep(options.stepSeconds * 1000);
  }
  const playedEndS = seconds();

  await api("POST", "/api/session/end-gently");
  if (!(await waitForState(["ended"], 60))) problems.push("the session did not end within 60 s of ending gently");
  clearInterval(sampler);
  stopProgram();
  await exited;

  // Memory: one place at both ends. A place keeps its own amount resident
  // (on a software renderer the beach about 3 MB more than the sea), so
  // comparing two places would measure the places, not growth. The
  // baseline is the median of the first window after every action has run
  // once and the thumbnails are done, in a visit to a place shown before.
  // A place's first visit is left out because it compiles the place's
  // shaders as its first frames are drawn. The baseline visit's place is
  // the one measured, and the final figure is the median of the last
  // window of that place's last visit. Each window starts MEMORY_SETTLE_S after a change of place, and
  // the two never overlap. The thumbnails run at idle priority, so on a
  // busy machine they can finish minutes after the first round.
  const MEMORY_SETTLE_S = 10;
  const window = (from, to) => memory.filter((sample) => sample.t >= from && sample.t < to).map((sample) => sample.mb);
  const baseFrom = Math.max(warmUpEndS ?? playedEndS, thumbnailsDoneS ?? playedEndS);
  const visits = shownFrom
    .filter((visit) => visit.t < playedEndS)
    .map((visit, i, all) => ({ place: visit.place, from: visit.t + MEMORY_SETTLE_S, to: all[i + 1]?.t ?? playedEndS }));
  const seenBefore = (visit, i) => visits.slice(0, i).some((earlier) => earlier.place === visit.place);
  const afterWarmUp = (visit) => visit.to > Math.max(baseFrom, visit.from);
  const baseVisit =
    visits.find((visit, i) => afterWarmUp(visit) && seenBefore(visit, i)) ?? visits.find(afterWarmUp);
  const memoryPlace = baseVisit?.place ?? null;
  const baseStart = baseVisit ? Math.max(baseVisit.from, baseFrom) : playedEndS;
  const baseline = baseVisit ? median(window(baseStart, Math.min(baseStart + options.memoryWindowS, baseVisit.to))) : null;
  const lastVisit = visits.filter((visit) => visit.place === memoryPlace).at(-1);
  const finalFrom = lastVisit
    ? Math.max(lastVisit.from, lastVisit.to - options.memoryWindowS, baseStart + options.memoryWindowS)
    : playedEndS;
  const final = lastVisit && finalFrom < lastVisit.to ? median(window(finalFrom, lastVisit.to)) : null;
  const growth = baseline !== null && final !== null ? final - baseline : null;
  const peak = Math.max(...memory.map((sample) => sample.mb));

  // Frame gaps: the program logs, at debug level, every gap over 100 ms as
  // it happens, stamped with the local time, with the part of it spent
  // waiting for the runtime's frame timing (xrWaitFrame). The place on show
  // at that time follows from its "Scene changed" lines. Gaps before the end
  // of the first round of actions (start-up, the first use of every setting)
  // and in the first seconds after a change of place are reported but not
  // judged. A judged gap counts without the wait for the frame timing: that
  // wait is the runtime's pacing. Monado paces a program by a running average
  // of its recent frame times. After a place whose frames took a second on a
  // software renderer, it spaces the next frames up to 800 ms apart and comes
  // back to its display rate over about 15 frames.
  const warmUpEndMs = started + (warmUpEndS ?? playedEndS) * 1000;
  const gaps = {};
  let place = options.places[0];
  let changedAtMs = -Infinity;
  const logTime = (stamp) => new Date(`${stamp[1]}T${stamp[2]}`).getTime();
  for (const line of log) {
    const stamp = /^(\d{4}-\d\d-\d\d) (\d\d:\d\d:\d\d\.\d{3}) /.exec(line);
    const changed = /Scene changed to (\S+) after/.exec(line);
    if (changed) {
      place = changed[1];
      if (stamp) changedAtMs = logTime(stamp);
    }
    const frames = /Frames while showing (\S+): (\d+),/.exec(line);
    const entry = (name) => {
      gaps[name] ??= {
        frames: 0,
        longest_gap_ms: 0,
        longest_gap_after_warm_up_ms: 0,
        longest_judged_gap_ms: 0,
        gaps_over_limit_after_warm_up: 0,
        gaps_over_limit_from_frame_timing: 0,
      };
      return gaps[name];
    };
    if (frames) entry(frames[1]).frames += Number(frames[2]);
    const hitch = /debug Frame loop: ([\d.]+) ms between two frames(?:, of which ([\d.]+) ms waiting for the display's frame timing)?/.exec(line);
    if (hitch && stamp) {
      const gapMs = Number(hitch[1]);
      const judgedMs = gapMs - Number(hitch[2] ?? 0);
      const at = logTime(stamp);
      const shown = entry(place);
      shown.longest_gap_ms = Math.max(shown.longest_gap_ms, gapMs);
      if (at >= warmUpEndMs && at - changedAtMs >= options.settleS * 1000) {
        shown.longest_gap_after_warm_up_ms = Math.max(shown.longest_gap_after_warm_up_ms, gapMs);
        shown.longest_judged_gap_ms = Math.max(shown.longest_judged_gap_ms, judgedMs);
        if (judgedMs > options.maxGapMs) shown.gaps_over_limit_after_warm_up += 1;
        else if (gapMs > options.maxGapMs) shown.gaps_over_limit_from_frame_timing += 1;
      }
    }
  }
  const loadsMs = log
    .map((line) => /Scene changed to \S+ after [\d.]+ s of loading, holding the frame loop for ([\d.]+) s/.exec(line))
    .filter(Boolean)
    .map((match) => Number(match[1]) * 1000);
  const validation = log.filter((line) => /Vulkan validation reported/.test(line));

  const figures = {
    minutes: options.minutes,
    wall_s: Number(seconds().toFixed(1)),
    actions: step,
    memory_samples: memory.map((sample) => [Number(sample.t.toFixed(1)), Number(sample.mb.toFixed(2))]),
    resident_mb: { baseline, final, growth, peak },
    memory_place: memoryPlace,
    memory_baseline_from_s: Number(baseStart.toFixed(1)),
    memory_final_from_s: Number(finalFrom.toFixed(1)),
    thumbnails_done_s: thumbnailsDoneS === null ? null : Number(thumbnailsDoneS.toFixed(1)),
    frame_gaps: gaps,
    place_changes: loadsMs.length,
    longest_place_change_ms: loadsMs.length > 0 ? Math.max(...loadsMs) : null,
    validation_problems: validation,
    exit_code: exitCode,
    problems,
  };

  console.log(`soak: ${step} actions over ${figures.wall_s} s of wall time`);
  console.log(`resident memory (MB), showing ${memoryPlace}: baseline ${baseline?.toFixed(2) ?? "none"} from ${baseStart.toFixed(0)} s, final ${final?.toFixed(2) ?? "none"} from ${finalFrom.toFixed(0)} s, growth ${growth?.toFixed(2) ?? "none"}, peak ${peak.toFixed(2)} (${memory.length} samples)`);
  for (const [name, entry] of Object.entries(gaps)) {
    console.log(`frames while showing ${name}: ${entry.frames}; longest gap over 100 ms: ${entry.longest_gap_ms.toFixed(1)} ms in all, ` +
      `${entry.longest_gap_after_warm_up_ms.toFixed(1)} ms after warm-up and settling (0 is none), ` +
      `${entry.longest_judged_gap_ms.toFixed(1)} ms of it outside the runtime's frame timing; ` +
      `${entry.gaps_over_limit_after_warm_up} gap(s) over the ${options.maxGapMs} ms limit, ` +
      `${entry.gaps_over_limit_from_frame_timing} more over it only by waiting for the frame timing`);
  }
  console.log(`changes of place: ${loadsMs.length}, longest ${figures.longest_place_change_ms?.toFixed(1) ?? "none"} ms`);

  if (growth === null) problems.push("too few memory samples to measure growth; run for longer");
  else if (growth > options.maxGrowthMb) problems.push(`resident memory grew by ${growth.toFixed(2)} MB, more than ${options.maxGrowthMb} MB`);
  for (const name of options.gapPlaces) {
    const entry = gaps[name];
    if (entry && entry.gaps_over_limit_after_warm_up > 0) {
      problems.push(`${entry.gaps_over_limit_after_warm_up} gap(s) between frames showing ${name} after warm-up and settling exceeded ${options.maxGapMs} ms outside the runtime's frame timing, the longest ${entry.longest_judged_gap_ms.toFixed(1)} ms`);
    }
  }
  if (figures.longest_place_change_ms !== null && figures.longest_place_change_ms > options.maxLoadMs) {
    problems.push(`a change of place held the frame loop for ${figures.longest_place_change_ms.toFixed(1)} ms, more than ${options.maxLoadMs} ms`);
  }
  if (exitCode !== 0) problems.push(`stillwater exited with ${exitCode}${validation.length > 0 ? `: ${validation.join("; ")}` : ""}`);

  if (options.log) writeFileSync(options.log, `${log.join("\n")}\n`);
  if (options.json) writeFileSync(options.json, `${JSON.stringify(figures, null, 2)}\n`);
  if (problems.length > 0) {
    for (const problem of problems) console.log(`soak: FAILED: ${problem}`);
    process.exit(1);
  }
  console.log("soak: passed");
}

main().catch((error) => {
  console.error(`soak: error: ${error.stack ?? error}`);
  process.exit(2);
});
