// The companion page: sends the nurse's commands to the JSON API and shows
// the live status from the server-sent event stream. The session runs on the
// PC whatever happens to this page.
"use strict";

const STATE_NAMES = {
  idle: "Ready",
  fading_in: "Starting",
  running: "Running",
  paused: "Paused",
  fading_out: "Ending gently",
  ended: "Ended",
};
const SCORE_NAMES = [
  ["anxiety", "Anxiety"],
  ["pain", "Pain"],
  ["breathlessness", "Breathlessness"],
  ["wellbeing", "Wellbeing"],
];
const OUTCOME_NAMES = {
  running: "Running",
  completed: "Completed",
  ended_early: "Ended early",
  stopped_now: "Stopped now",
  headset_removed: "Headset removed",
  error: "Ended by a fault",
  interrupted: "Interrupted",
};
const MIRROR_INTERVAL_MS = 400;

let latest = null;
let mirrorUrl = null;
let previousState = null;
let recordsKept = false;

const $ = (id) => document.getElementById(id);

function showMessage(text, ok = false) {
  const message = $("message");
  message.textContent = text;
  message.classList.toggle("ok", ok);
  message.hidden = !text;
}

async function api(method, path, body) {
  const options = { method, headers: {} };
  if (body !== undefined) {
    options.headers["Content-Type"] = "application/json";
    options.body = JSON.stringify(body);
  }
  let response;
  try {
    response = await fetch(path, options);
  } catch (error) {
    showMessage("The PC did not answer. The session goes on; try again in a moment.");
    return null;
  }
  if (response.status === 401 && path !== "/api/pair") {
    showNotConnected();
    return null;
  }
  if (!response.ok) {
    const data = await response.json().catch(() => ({}));
    showMessage(data.error || `The request failed (status ${response.status}).`);
    return null;
  }
  showMessage("");
  return response.status === 204 ? {} : response.json().catch(() => ({}));
}

function showNotConnected() {
  showMessage("This page is not connected. Open the address Stillwater printed on the ward PC.");
  $("pair-section").hidden = false;
}

async function pair() {
  const code = $("pair-code").value.trim();
  if (await api("POST", "/api/pair", { code })) {
    window.location.reload();
  }
}

function formatTime(seconds) {
  const whole = Math.max(0, Math.ceil(seconds));
  const minutes = Math.floor(whole / 60);
  return `${minutes}:${String(whole % 60).padStart(2, "0")}`;
}

function buildScores(container) {
  const prefix = container.dataset.prefix;
  for (const [key, name] of SCORE_NAMES) {
    const label = document.createElement("label");
    label.className = "field";
    label.htmlFor = `${prefix}-${key}`;
    label.textContent = `${name} (0–10)`;
    const input = document.createElement("input");
    input.type = "number";
    input.min = "0";
    input.max = "10";
    input.step = "1";
    input.inputMode = "numeric";
    input.id = `${prefix}-${key}`;
    label.append(input);
    container.append(label);
  }
}

function readScores(prefix) {
  const scores = {};
  for (const [key, name] of SCORE_NAMES) {
    const text = $(`${prefix}-${key}`).value.trim();
    if (text === "") continue;
    const value = Number(text);
    if (!Number.isInteger(value) || value < 0 || value > 10) {
      throw new Error(`${name} must be a whole number from 0 to 10.`);
    }
    scores[key] = value;
  }
  return scores;
}

// A grey card with a short note, shown while a place's picture is still
// being drawn, in place of the browser's broken-image icon.
const PICTURE_PENDING =
  "data:image/svg+xml," +
  encodeURIComponent(
    '<svg xmlns="http://www.w3.org/2000/svg" width="160" height="90">' +
      '<rect width="160" height="90" fill="#d6d6d6"/>' +
      '<text x="80" y="50" font-family="sans-serif" font-size="12" fill="#555" text-anchor="middle">' +
      "Picture on its way</text></svg>",
  );

// The server draws place pictures in the background and answers 503 until
// one is ready, so a picture that fails is shown as pending and requested
// again every 2 s, for up to 10 minutes.
function showPicture(image, url, attempt = 0) {
  image.onerror = () => {
    image.onerror = null;
    image.src = PICTURE_PENDING;
    image.dataset.pending = "true";
    if (attempt < 300) setTimeout(() => showPicture(image, url, attempt + 1), 2000);
  };
  image.onload = () => {
    if (image.src !== PICTURE_PENDING) delete image.dataset.pending;
  };
  image.src = attempt === 0 ? url : `${url}?attempt=${attempt}`;
}

async function loadScenes() {
  const scenes = await api("GET", "/api/scenes");
  if (!scenes) return;
  const list = $("scenes");
  const select = $("change-scene");
  list.replaceChildren();
  select.replaceChildren();
  scenes.forEach((scene, index) => {
    const label = document.createElement("label");
    label.className = "scene";
    const image = document.createElement("img");
    image.alt = "";
    showPicture(image, scene.thumbnail);
    const row = document.createElement("span");
    const radio = document.createElement("input");
    radio.type = "radio";
    radio.name = "scene";
    radio.value = scene.id;
    radio.checked = index === 0;
    row.append(radio, document.createTextNode(scene.title));
    label.append(image, row);
    list.append(label);

    const option = document.createElement("option");
    option.value = scene.id;
    option.textContent = scene.title;
    select.append(option);
  });
}

// Shows the record fields and the history only while sessions are recorded,
// so the nurse never enters scores that are not kept. When the records file
// cannot be used, shows which file and requests her agreement before any start.
async function loadRecords() {
  const records = await api("GET", "/api/records");
  recordsKept = Boolean(records && records.available);
  $("record").hidden = !recordsKept;
  $("history-section").hidden = !recordsKept;

  const problem = Boolean(records && records.state === "unavailable");
  $("records-problem").hidden = !problem;
  if (problem) {
    $("records-problem-message").textContent = records.message;
    $("records-problem-file").textContent = records.file;
    $("records-problem-copy").textContent = records.kept_copy;
    $("records-problem-copy-line").hidden = !records.kept_copy;
  }
  if (recordsKept) await loadHistory();
  // Sessions are still recorded, but the nurse should know that the last
  // write failed. It follows the history, whose response clears messages.
  if (records && records.state === "failing") {
    showMessage(`The last session record could not be saved. ${records.message}`);
  }
}

async function continueWithoutRecords() {
  if (await api("POST", "/api/records/continue-without")) {
    await loadRecords();
    showMessage("Sessions now run without records.", true);
  }
}

function historyQuery() {
  const query = new URLSearchParams();
  const label = $("history-label").value.trim();
  if (label) query.set("label", label);
  if ($("history-from").value) query.set("from", $("history-from").value);
  if ($("history-to").value) query.set("to", $("history-to").value);
  return query;
}

function formatScores(scores) {
  return SCORE_NAMES.map(([key]) => (scores[key] === null ? "–" : String(scores[key]))).join("/");
}

function formatLength(seconds) {
  return seconds === null ? "–" : formatTime(seconds);
}

// Counts history requests, so an older response never replaces a newer one.
let historyRequest = 0;

async function loadHistory() {
  historyRequest += 1;
  const request = historyRequest;
  const query = historyQuery().toString();
  const suffix = query ? `?${query}` : "";
  // The link carries the same filters; the browser sends the token cookie
  // with it, so a plain link downloads the file.
  $("download-csv").href = `/api/records/export.csv${suffix}`;
  const result = await api("GET", `/api/records/sessions${suffix}`);
  if (!result || request !== historyRequest) return;

  const rows = $("history-rows");
  rows.replaceChildren();
  if (result.sessions.length === 0) {
    const row = rows.insertRow();
    const cell = row.insertCell();
    cell.colSpan = 8;
    cell.textContent = "No sessions match.";
    return;
  }

  for (const session of result.sessions) {
    const row = rows.insertRow();
    const cells = [
      session.started_at.replace("T", " ").replace("Z", ""),
      session.label,
      session.scene,
      formatLength(session.planned_s),
      formatLength(session.actual_s),
      OUTCOME_NAMES[session.outcome] || session.outcome,
      formatScores(session.before),
      formatScores(session.after),
    ];
    for (const text of cells) row.insertCell().textContent = text;
  }
}

function chosenMinutes() {
  const chosen = document.querySelector('input[name="length"]:checked').value;
  return chosen === "custom" ? Number($("custom-minutes").value) : Number(chosen);
}

async function startSession() {
  const scene = document.querySelector('input[name="scene"]:checked');
  if (!scene) {
    showMessage("Choose a place first.");
    return;
  }
  const request = { scene: scene.value, minutes: chosenMinutes() };
  const label = $("label").value.trim();
  if (recordsKept && !label) {
    showMessage("Enter the bed or room code first, such as “Bed 4”. Never enter a name.");
    $("label").focus();
    return;
  }
  try {
    const before = readScores("before");
    if (label) request.label = label;
    if (Object.keys(before).length > 0) request.before = before;
  } catch (error) {
    showMessage(error.message);
    return;
  }
  if (await api("POST", "/api/session/start", request)) {
    // The next session asks again; the code stays for the after scores.
    for (const [key] of SCORE_NAMES) $(`before-${key}`).value = "";
  }
}

async function saveScores() {
  let after;
  try {
    after = readScores("after");
  } catch (error) {
    showMessage(error.message);
    return;
  }
  const request = { after };
  const label = $("label").value.trim();
  if (label) request.label = label;
  if (await api("POST", "/api/session/scores", request)) {
    $("after-section").hidden = true;
    for (const [key] of SCORE_NAMES) $(`after-${key}`).value = "";
    // After the reload, because every successful request clears the message.
    await loadHistory();
    showMessage("Scores saved.", true);
  }
}

function skipScores() {
  $("after-section").hidden = true;
  loadHistory();
}

// Changes go to the PC one at a time and in order, so a quick run of key presses
// cannot overtake itself and leave the headset on an older value. A value the
// nurse replaced while an earlier one was on its way is never sent.
const waitingSettings = new Map();
let sendingSettings = false;

async function changeSetting(name, value) {
  waitingSettings.delete(name);
  waitingSettings.set(name, value);
  if (sendingSettings) return;

  sendingSettings = true;
  try {
    while (waitingSettings.size > 0) {
      const [nextName, nextValue] = waitingSettings.entries().next().value;
      waitingSettings.delete(nextName);
      await api("PATCH", "/api/settings", { [nextName]: nextValue });
    }
  } finally {
    sendingSettings = false;
  }
}

function wireSettings() {
  for (const input of document.querySelectorAll("[data-setting]")) {
    input.addEventListener("change", () => {
      const value = input.type === "checkbox" ? input.checked : Number(input.value) / Number(input.dataset.scale);
      changeSetting(input.dataset.setting, value);
    });
  }
  for (const radio of document.querySelectorAll('input[name="motion"]')) {
    radio.addEventListener("change", () => changeSetting("motion", radio.value));
  }
  for (const radio of document.querySelectorAll('input[name="posture"]')) {
    radio.addEventListener("change", () => {
      const angles = { sitting: 0, reclined: 45, flat: 90 };
      changeSetting("recline_deg", angles[radio.value]);
    });
  }
}

// Writes the server's values into the controls, except the one in use.
function showSettings(settings) {
  const set = (id, value) => {
    const input = $(id);
    if (document.activeElement !== input) {
      if (input.type === "checkbox") input.checked = value;
      else input.value = value;
    }
  };
  set("brightness", Math.round(settings.brightness * 100));
  set("volume", Math.round(settings.volume * 100));
  set("recline", Math.round(settings.recline_deg));
  set("breaths", Math.round(settings.breaths_per_minute));
  set("warm-colour", settings.warm_colour);
  set("mono-view", settings.mono_view);
  set("breathing-guide", settings.breathing_guide);
  $("brightness-value").textContent = `${Math.round(settings.brightness * 100)} %`;
  $("volume-value").textContent = `${Math.round(settings.volume * 100)} %`;
  $("recline-value").textContent = `${Math.round(settings.recline_deg)}°`;
  $("breaths-value").textContent = `${Math.round(settings.breaths_per_minute)} breaths a minute`;

  const motion = document.querySelector(`input[name="motion"][value="${settings.motion}"]`);
  if (motion && document.activeElement?.name !== "motion") motion.checked = true;
  let posture = "reclined";
  if (settings.recline_deg <= 0) posture = "sitting";
  if (settings.recline_deg >= 90) posture = "flat";
  if (document.activeElement?.name !== "posture") {
    document.querySelector(`input[name="posture"][value="${posture}"]`).checked = true;
  }
}

function showStatus(status) {
  latest = status;
  let stateText = STATE_NAMES[status.state] || status.state;
  if (status.state === "paused" && status.paused_by_headset) stateText = "Paused: headset taken off";
  if (status.state === "ended" && status.last_error) stateText = "Ended by a fault";
  $("state").textContent = stateText;
  $("state").dataset.state = status.state;
  $("time-left").textContent = status.planned_s > 0 && status.state !== "ended" ? formatTime(status.time_left_s) : "–";

  const active = !["idle", "ended"].includes(status.state);
  $("start").disabled = active;
  $("pause").disabled = !["fading_in", "running", "paused"].includes(status.state) ||
    (status.state === "paused" && !status.headset_worn);
  $("pause").textContent = status.state === "paused" ? "Resume" : "Pause";
  $("extend").disabled = !["fading_in", "running", "paused"].includes(status.state);
  $("end-gently").disabled = !["fading_in", "running", "paused"].includes(status.state);
  $("change-scene-button").disabled = !["fading_in", "running", "paused"].includes(status.state);
  $("start-section").classList.toggle("quiet", active);
  if (recordsKept && status.state === "ended" && previousState !== "ended" && previousState !== null) {
    $("after-section").hidden = false;
    loadRecords();
  }
  if (status.state === "fading_in" && previousState !== "fading_in") $("after-section").hidden = true;
  previousState = status.state;

  showSettings(status.settings);

  const health = status.health;
  const headset = $("headset");
  headset.textContent = status.headset_worn ? "Headset: being worn" : "Headset: not being worn";
  headset.classList.toggle("warning", !status.headset_worn && active);
  const rate = $("frame-rate");
  rate.textContent = health.frame_rate_ok
    ? `Picture: smooth (${Math.round(health.frame_rate_hz)} frames a second)`
    : `Picture: not smooth (${Math.round(health.frame_rate_hz)} of ${Math.round(health.target_frame_rate_hz)} frames a second)`;
  rate.classList.toggle("warning", !health.frame_rate_ok);
  const audio = $("audio");
  audio.textContent = health.audio_ok ? "Sound: working" : `Sound: ${health.audio_message || "not working"}`;
  audio.classList.toggle("warning", !health.audio_ok);
}

function connectStatus() {
  const banner = $("connection");
  const source = new EventSource("/api/events");
  source.addEventListener("open", () => {
    banner.hidden = true;
  });
  source.addEventListener("status", (event) => {
    banner.hidden = true;
    showStatus(JSON.parse(event.data));
  });
  source.addEventListener("error", async () => {
    banner.textContent = "Connection to the PC lost. Reconnecting… The session carries on by itself.";
    banner.hidden = false;
    if (source.readyState === EventSource.CLOSED) {
      // The browser gives up after a refused stream (such as 401), so try
      // again by hand while the PC is unreachable.
      source.close();
      const check = await fetch("/api/state").catch(() => null);
      if (check && check.status === 401) {
        banner.hidden = true;
        showNotConnected();
        return;
      }
      setTimeout(connectStatus, 2000);
    }
  });
}

async function refreshMirror() {
  if (document.visibilityState === "visible") {
    try {
      const response = await fetch("/api/mirror.jpg", { cache: "no-store" });
      if (response.status === 200) {
        const url = URL.createObjectURL(await response.blob());
        $("mirror").src = url;
        $("mirror").hidden = false;
        $("mirror-empty").hidden = true;
        if (mirrorUrl) URL.revokeObjectURL(mirrorUrl);
        mirrorUrl = url;
      } else {
        $("mirror").hidden = true;
        $("mirror-empty").hidden = false;
      }
    } catch (error) {
      // The status banner already reports a lost connection.
    }
  }
  setTimeout(refreshMirror, MIRROR_INTERVAL_MS);
}

function wireButtons() {
  $("stop-now").addEventListener("click", () => api("POST", "/api/session/stop-now"));
  $("start").addEventListener("click", startSession);
  $("pause").addEventListener("click", () => {
    const resume = latest && latest.state === "paused";
    api("POST", resume ? "/api/session/resume" : "/api/session/pause");
  });
  $("extend").addEventListener("click", () => api("POST", "/api/session/extend", { minutes: 5 }));
  $("end-gently").addEventListener("click", () => api("POST", "/api/session/end-gently"));
  $("recenter").addEventListener("click", () => api("POST", "/api/session/recenter"));
  $("change-scene-button").addEventListener("click", () =>
    api("POST", "/api/session/scene", { scene: $("change-scene").value }));
  $("save-scores").addEventListener("click", saveScores);
  $("skip-scores").addEventListener("click", skipScores);
  $("continue-without-records").addEventListener("click", continueWithoutRecords);
  $("history-show").addEventListener("click", loadHistory);
  $("pair").addEventListener("click", pair);
  $("custom-minutes").addEventListener("focus", () => {
    document.querySelector('input[name="length"][value="custom"]').checked = true;
  });
}

document.addEventListener("DOMContentLoaded", () => {
  buildScores($("before-scores"));
  buildScores($("after-scores"));
  wireButtons();
  wireSettings();
  loadScenes();
  loadRecords();
  connectStatus();
  refreshMirror();
});
