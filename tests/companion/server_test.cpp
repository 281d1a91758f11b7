#include "companion/access_rules.hpp"
#include "companion/companion_server.hpp"
#include "companion/api_json.hpp"
#include "companion/session_recorder.hpp"
#include "records/csv_export.hpp"
#include "records/store.hpp"
#include "fixed_scenes.hpp"

#include <catch2/catch.hpp>
#include <fmt/format.h>
#include <httplib.h>
#include <nlohmann/json.hpp>
#include <spdlog/sinks/ringbuffer_sink.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <regex>
#include <sstream>
#include <variant>
#include <memory>
#include <vector>
#include <string>
#include <thread>

using namespace stillwater;
using companion::CompanionServer;
using companion::ServerOptions;
using nlohmann::json;

namespace {

ServerOptions test_options() {
  ServerOptions options;
  options.port = 0;
  options.status_interval_s = 0.05;
  return options;
}

// A controller, a server on a free loopback port and a client, with the
// frames advanced by hand on a fake clock.
struct ServerRig {
  explicit ServerRig(ServerOptions options = test_options(), companion::RecordsSink* sink = nullptr)
      : records(sink != nullptr ? sink : &no_records),
        server(controller, scenes, health, mirror, *records, std::move(options)) {
    server.start();
    controller.advance(now);
  }

  [[nodiscard]] std::string host() const { return fmt::format("127.0.0.1:{}", server.port()); }

  [[nodiscard]] httplib::Headers good_headers() const {
    return {{"Authorization", "Bearer " + server.token()}, {"Origin", "http://" + host()}};
  }

  [[nodiscard]] std::unique_ptr<httplib::Client> client() const {
    auto result = std::make_unique<httplib::Client>("127.0.0.1", server.port());
    result->set_read_timeout(5, 0);
    return result;
  }

  httplib::Result post(const std::string& path, const std::string& body, httplib::Headers headers) {
    return client()->Post(path.c_str(), headers, body, "application/json");
  }

  httplib::Result post(const std::string& path, const std::string& body = "{}") {
    return post(path, body, good_headers());
  }

  httplib::Result get(const std::string& path, httplib::Headers headers) { return client()->Get(path.c_str(), headers); }

  httplib::Result get(const std::string& path) { return get(path, good_headers()); }

  // Advances the frames, handing the controller's events to the recorder
  // as the frame loop of `stillwater run` does.
  void frames(double seconds) {
    for (int i = 0; i < static_cast<int>(seconds * 60.0); ++i) {
      now += 1.0 / 60.0;
      controller.advance(now);
      if (auto events = controller.take_events(); recorder != nullptr && !events.empty()) {
        recorder->observe(events, controller.snapshot());
      }
    }
  }

  void start_session() {
    const auto result = post("/api/session/start", R"({"scene": "sea", "minutes": 10})");
    REQUIRE(result);
    REQUIRE(result->status == 202);
    frames(10.0);
    REQUIRE(controller.snapshot().state == core::SessionState::running);
  }

  double now = 0.0;
  core::SessionController controller{core::ComfortSettings{}, [this] { return now; }};
  test::FixedScenes scenes;
  test::FixedHealth health;
  companion::MirrorSlot mirror;
  companion::NoRecords no_records;
  companion::RecordsSink* records;
  companion::SessionRecorder* recorder = dynamic_cast<companion::SessionRecorder*>(records);
  CompanionServer server;
};

std::string error_of(const httplib::Result& result) {
  const auto body = json::parse(result->body, nullptr, false);
  return body.is_object() && body.contains("error") ? body["error"].get<std::string>() : "(no error: " + result->body + ")";
}

// Checks a request changed nothing: the next frames run the session as before.
void check_session_unaffected(ServerRig& rig, const core::SessionStatus& before) {
  rig.frames(0.5);
  const core::SessionStatus after = rig.controller.snapshot();
  CHECK(after.state == before.state);
  CHECK(after.scene == before.scene);
  CHECK(after.planned_s == before.planned_s);
  CHECK(after.settings.volume == before.settings.volume);
  CHECK(after.settings.brightness == before.settings.brightness);
}

std::ptrdiff_t count_rejections(const std::vector<std::string>& lines) {
  return std::count_if(lines.begin(), lines.end(), [](const std::string& line) {
    return line.find("companion: ") != std::string::npos && line.find(" answered ") != std::string::npos;
  });
}

}  // namespace

TEST_CASE("access token is long and url safe", "[companion][access]") {
  const std::string first = companion::make_access_token();
  const std::string second = companion::make_access_token();
  CHECK(first.size() == 43);
  CHECK(first != second);
  CHECK(first.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_") ==
        std::string::npos);
  CHECK(companion::make_pairing_code().size() == 6);
}

TEST_CASE("host rules accept only own names", "[companion][access]") {
  const auto allowed = companion::allowed_hosts("127.0.0.1", 8450);
  CHECK(companion::host_allowed("127.0.0.1:8450", allowed));
  CHECK(companion::host_allowed("localhost:8450", allowed));
  CHECK(companion::host_allowed("LocalHost:8450", allowed));
  CHECK(companion::host_allowed("[::1]:8450", allowed));
  CHECK_FALSE(companion::host_allowed("localhost.:8450", allowed));
  CHECK_FALSE(companion::host_allowed("evil.example:8450", allowed));
  CHECK_FALSE(companion::host_allowed("127.0.0.1", allowed));
  CHECK_FALSE(companion::host_allowed("127.0.0.1:8451", allowed));
  CHECK_FALSE(companion::host_allowed("127.1:8450", allowed));
  CHECK_FALSE(companion::host_allowed("", allowed));
  CHECK(companion::origin_matches("http://127.0.0.1:8450", "127.0.0.1:8450"));
  CHECK_FALSE(companion::origin_matches("https://127.0.0.1:8450", "127.0.0.1:8450"));
  CHECK_FALSE(companion::origin_matches("http://localhost:8450", "127.0.0.1:8450"));
  CHECK_FALSE(companion::origin_matches("null", "127.0.0.1:8450"));
}

TEST_CASE("api rejects missing token", "[companion][server]") {
  ServerRig rig;
  const auto before = rig.controller.snapshot();
  const auto result = rig.post("/api/session/start", R"({"scene": "sea", "minutes": 10})",
                               {{"Origin", "http://" + rig.host()}});
  REQUIRE(result);
  CHECK(result->status == 401);
  CHECK(error_of(result) == "The access token is missing or wrong. Open the address Stillwater printed on the ward PC.");
  check_session_unaffected(rig, before);
  CHECK(rig.get("/api/state", {})->status == 401);
}

TEST_CASE("api rejects wrong token", "[companion][server]") {
  ServerRig rig;
  rig.start_session();
  const auto before = rig.controller.snapshot();
  const httplib::Headers wrong_bearer{{"Authorization", "Bearer " + companion::make_access_token()},
                                      {"Origin", "http://" + rig.host()}};
  CHECK(rig.post("/api/session/stop-now", "", wrong_bearer)->status == 401);
  const httplib::Headers wrong_cookie{{"Cookie", "stillwater_token=wrong"}, {"Origin", "http://" + rig.host()}};
  CHECK(rig.post("/api/session/stop-now", "", wrong_cookie)->status == 401);
  // A prefix of the right token is wrong too.
  const httplib::Headers prefix{{"Authorization", "Bearer " + rig.server.token().substr(0, 20)},
                                {"Origin", "http://" + rig.host()}};
  CHECK(rig.post("/api/session/stop-now", "", prefix)->status == 401);
  check_session_unaffected(rig, before);
}

TEST_CASE("api accepts token in cookie", "[companion][server]") {
  ServerRig rig;
  const auto result = rig.get("/api/state", {{"Cookie", "other=1; stillwater_token=" + rig.server.token()}});
  REQUIRE(result);
  CHECK(result->status == 200);
  CHECK(json::parse(result->body)["state"] == "idle");
}

TEST_CASE("failed tokens are rate limited", "[companion][server]") {
  ServerOptions options = test_options();
  options.max_failures_per_minute = 5;
  ServerRig rig(options);
  const httplib::Headers wrong{{"Authorization", "Bearer nope"}};
  for (int i = 0; i < 5; ++i) {
    CHECK(rig.get("/api/state", wrong)->status == 401);
  }
  const auto limited = rig.get("/api/state", wrong);
  CHECK(limited->status == 429);
  CHECK(limited->get_header_value("Retry-After") == "60");
  CHECK(error_of(limited) ==
        "Too many requests with a wrong access token. Wait a minute, then open the address Stillwater printed on the "
        "ward PC.");
  // The nurse's page, holding the right token, still works.
  CHECK(rig.get("/api/state")->status == 200);
}

TEST_CASE("foreign host is rejected", "[companion][server]") {
  ServerRig rig;
  rig.start_session();
  const auto before = rig.controller.snapshot();
  const std::string port = std::to_string(rig.server.port());
  const std::vector<std::string> hosts{"evil.example:" + port, "localhost.:" + port, "127.0.0.1",
                                      "127.1:" + port,        "127.0.0.1:1" + port, "evil.example"};
  for (const std::string& host : hosts) {
    INFO("Host: " << host);
    httplib::Headers headers = rig.good_headers();
    headers.emplace("Host", host);
    headers.erase("Origin");
    headers.emplace("Origin", "http://" + host);
    const auto result = rig.post("/api/session/stop-now", "", headers);
    REQUIRE(result);
    CHECK(result->status == 403);
    CHECK(error_of(result) ==
          fmt::format("This server answers only to its own address. Open http://127.0.0.1:{}/ instead.", port));
    CHECK(rig.get("/", {{"Host", host}})->status == 403);
  }
  check_session_unaffected(rig, before);
}

TEST_CASE("own loopback names are accepted", "[companion][server]") {
  ServerRig rig;
  const std::string port = std::to_string(rig.server.port());
  const std::vector<std::string> hosts{"127.0.0.1:" + port, "localhost:" + port, "LOCALHOST:" + port,
                                      "[::1]:" + port};
  for (const std::string& host : hosts) {
    INFO("Host: " << host);
    httplib::Headers headers{{"Authorization", "Bearer " + rig.server.token()}, {"Host", host}};
    CHECK(rig.get("/api/state", headers)->status == 200);
  }
}

TEST_CASE("post needs a matching origin", "[companion][server]") {
  ServerRig rig;
  rig.start_session();
  const auto before = rig.controller.snapshot();
  const std::string port = std::to_string(rig.server.port());
  const std::vector<std::string> origins{"",
                                        "http://evil.example",
                                        "http://localhost.:" + port,
                                        "null",
                                        "https://127.0.0.1:" + port,
                                        "http://localhost:" + port,
                                        "http://127.0.0.1:" + port + ".evil.example"};
  for (const std::string& origin : origins) {
    INFO("Origin: " << origin);
    httplib::Headers headers{{"Authorization", "Bearer " + rig.server.token()}};
    if (!origin.empty()) {
      headers.emplace("Origin", origin);
    }
    const auto result = rig.post("/api/session/stop-now", "", headers);
    REQUIRE(result);
    CHECK(result->status == 403);
    CHECK(error_of(result) == "Requests that change the session must come from the companion page itself: the Origin "
                              "header is missing or belongs to another site.");
    const auto patch = rig.client()->Patch("/api/settings", headers, R"({"volume": 0.1})", "application/json");
    CHECK(patch->status == 403);
  }
  check_session_unaffected(rig, before);
}

TEST_CASE("oversized body is rejected", "[companion][server]") {
  ServerRig rig;
  const auto before = rig.controller.snapshot();
  const std::string padding(20'000, ' ');
  const auto result = rig.post("/api/session/start", R"({"scene": "sea", "minutes": 10})" + padding);
  REQUIRE(result);
  CHECK(result->status == 413);
  CHECK(error_of(result) == "The request body is larger than the limit of 16384 bytes.");
  check_session_unaffected(rig, before);
}

TEST_CASE("malformed json is rejected", "[companion][server]") {
  ServerRig rig;
  rig.start_session();
  const auto before = rig.controller.snapshot();
  const auto result = rig.post("/api/session/extend", R"({"minutes": 5)");
  REQUIRE(result);
  CHECK(result->status == 400);
  CHECK(error_of(result) ==
        "The request body is not valid JSON (error at byte 14). Send a JSON object, such as {\"minutes\": 5}.");
  const auto not_object = rig.post("/api/session/extend", "[5]");
  CHECK(not_object->status == 400);
  CHECK(error_of(not_object) == "The request body must be a JSON object, such as {\"minutes\": 5}.");

  // Each route's message shows a body that route accepts.
  const auto scene = rig.post("/api/session/scene", R"({"scene": sea})");
  CHECK(scene->status == 400);
  CHECK(error_of(scene) ==
        "The request body is not valid JSON (error at byte 11). Send a JSON object, such as {\"scene\": \"sea\"}.");
  const auto scene_list = rig.post("/api/session/scene", R"(["sea"])");
  CHECK(scene_list->status == 400);
  CHECK(error_of(scene_list) == "The request body must be a JSON object, such as {\"scene\": \"sea\"}.");
  const auto scene_array = rig.post("/api/session/scene", R"({"scene": ["sea"]})");
  CHECK(scene_array->status == 400);
  CHECK(error_of(scene_array) ==
        "'scene' must be text, a scene's name such as {\"scene\": \"sea\"}; the request gave a JSON array.");
  const auto settings = rig.client()->Patch("/api/settings", rig.good_headers(), "{volume: 0.5}", "application/json");
  CHECK(settings->status == 400);
  CHECK(error_of(settings) ==
        "The request body is not valid JSON (error at byte 2). Send a JSON object, such as {\"volume\": 0.5}.");
  check_session_unaffected(rig, before);
}

TEST_CASE("no cors headers are sent", "[companion][server]") {
  ServerRig rig;
  httplib::Headers headers = rig.good_headers();
  const auto result = rig.get("/api/state", headers);
  CHECK_FALSE(result->has_header("Access-Control-Allow-Origin"));
  const auto preflight = rig.client()->Options("/api/session/stop-now",
                                               {{"Origin", "http://evil.example"},
                                                {"Access-Control-Request-Method", "POST"}});
  REQUIRE(preflight);
  CHECK(preflight->status >= 400);
  CHECK_FALSE(preflight->has_header("Access-Control-Allow-Origin"));
  CHECK_FALSE(preflight->has_header("Access-Control-Allow-Methods"));
}

TEST_CASE("session runs through the api", "[companion][server]") {
  ServerRig rig;
  rig.start_session();
  CHECK(rig.post("/api/session/extend", R"({"minutes": 5})")->status == 202);
  rig.frames(0.1);
  CHECK(rig.controller.snapshot().planned_s == Approx(900.0));

  CHECK(rig.post("/api/session/pause")->status == 202);
  rig.frames(0.1);
  CHECK(rig.controller.snapshot().state == core::SessionState::paused);
  CHECK(rig.post("/api/session/resume")->status == 202);
  rig.frames(0.1);
  CHECK(rig.controller.snapshot().state == core::SessionState::fading_in);
  CHECK(rig.post("/api/session/recenter")->status == 202);
  CHECK(rig.post("/api/session/scene", R"({"scene": "night"})")->status == 202);
  rig.frames(3.0);
  CHECK(rig.controller.snapshot().scene == "night");

  CHECK(rig.post("/api/session/end-gently")->status == 202);
  rig.frames(0.1);
  CHECK(rig.controller.snapshot().state == core::SessionState::fading_out);
  CHECK(rig.post("/api/session/stop-now")->status == 202);
  rig.frames(0.1);
  CHECK(rig.controller.snapshot().state == core::SessionState::ended);

  const auto state = json::parse(rig.get("/api/state")->body);
  CHECK(state["state"] == "ended");
  CHECK(state["scene"] == "night");
  CHECK(state["health"]["frame_rate_hz"] == 72.0);
  CHECK(state["headset_worn"] == true);
}

TEST_CASE("start request is validated", "[companion][server]") {
  ServerRig rig;
  const auto unknown = rig.post("/api/session/start", R"({"scene": "moon", "minutes": 10})");
  CHECK(unknown->status == 404);
  CHECK(error_of(unknown) == "Scene 'moon' was not found. Choose one from the list.");
  const auto too_long = rig.post("/api/session/start", R"({"scene": "sea", "minutes": 500})");
  CHECK(too_long->status == 400);
  CHECK(error_of(too_long) ==
        "A session length of 500 minutes is outside the allowed range of 0.1 to 120 minutes. Choose a value in that "
        "range.");
  const auto no_minutes = rig.post("/api/session/start", R"({"scene": "sea", "minutes": "ten"})");
  CHECK(no_minutes->status == 400);
  CHECK(error_of(no_minutes) == "'minutes' is missing or not a number: give the session length in minutes.");
  const auto no_scene = rig.post("/api/session/start", R"({"minutes": 10})");
  CHECK(no_scene->status == 400);
  CHECK(error_of(no_scene) == "'scene' is missing: choose a scene, such as {\"scene\": \"sea\"}.");
  const auto number_scene = rig.post("/api/session/start", R"({"scene": 5, "minutes": 10})");
  CHECK(number_scene->status == 400);
  CHECK(error_of(number_scene) ==
        "'scene' must be text, a scene's name such as {\"scene\": \"sea\"}; the request gave a JSON number.");
  const auto name_label = rig.post("/api/session/start", R"({"scene": "sea", "minutes": 10, "label": "Mrs O'Brien"})");
  CHECK(name_label->status == 400);
  CHECK(error_of(name_label) == "The label contains \"'\", which is not allowed: use letters A-Z, digits, spaces, "
                                "hyphens and underscores, never a name.");
  const auto bad_score = rig.post("/api/session/start", R"({"scene": "sea", "minutes": 10, "before": {"pain": 11}})");
  CHECK(bad_score->status == 400);
  CHECK(error_of(bad_score) == "Score 'pain' in 'before' must be a whole number from 0 to 10.");
  rig.frames(0.1);
  CHECK(rig.controller.snapshot().state == core::SessionState::idle);

  rig.start_session();
  const auto twice = rig.post("/api/session/start", R"({"scene": "sea", "minutes": 10})");
  CHECK(twice->status == 409);
  CHECK(error_of(twice) == "A session is already under way. End it before starting another.");
  const auto resume = rig.post("/api/session/resume");
  CHECK(resume->status == 409);
  CHECK(error_of(resume) == "No session is paused, so there is nothing to resume.");
}

TEST_CASE("settings change through the api", "[companion][server]") {
  ServerRig rig;
  rig.start_session();
  auto client = rig.client();
  const auto result = client->Patch("/api/settings", rig.good_headers(),
                                    R"({"volume": 0.4, "motion": "still", "warm_colour": true})", "application/json");
  REQUIRE(result);
  CHECK(result->status == 202);
  CHECK(json::parse(result->body)["volume"] == Approx(0.4));
  rig.frames(0.1);
  const auto settings = rig.controller.snapshot().settings;
  CHECK(settings.volume == 0.4F);
  CHECK(settings.motion == core::MotionLevel::still);
  CHECK(settings.warm_colour);
  CHECK(json::parse(rig.get("/api/settings")->body)["motion"] == "still");
}

TEST_CASE("bad settings are rejected", "[companion][server]") {
  ServerRig rig;
  rig.start_session();
  const auto before = rig.controller.snapshot();
  auto client = rig.client();
  const auto patch = [&](const std::string& body) {
    return client->Patch("/api/settings", rig.good_headers(), body, "application/json");
  };
  const auto loud = patch(R"({"volume": 1.5})");
  CHECK(loud->status == 400);
  CHECK(error_of(loud) == "volume 1.5 is outside the allowed range of 0 to 1. Choose a value in that range.");
  const auto unknown = patch(R"({"loudness": 1})");
  CHECK(unknown->status == 400);
  CHECK(error_of(unknown) ==
        "Unknown setting 'loudness'. Known settings: brightness, volume, motion, recline_deg, warm_colour, mono_view, "
        "breathing_guide, breaths_per_minute, fade_in_s, fade_out_s.");
  const auto text = patch(R"({"volume": "loud"})");
  CHECK(text->status == 400);
  CHECK(error_of(text) == "Setting 'volume' must be a number, not \"loud\".");
  const auto flag = patch(R"({"mono_view": 1})");
  CHECK(flag->status == 400);
  CHECK(error_of(flag) == "Setting 'mono_view' must be true or false, not 1.");
  const auto motion = patch(R"({"motion": "wild"})");
  CHECK(motion->status == 400);
  CHECK(error_of(motion) == "Setting 'motion' must be \"still\", \"gentle\" or \"lively\", not \"wild\".");
  // One bad field rejects the whole change.
  const auto mixed = patch(R"({"volume": 0.1, "brightness": 5})");
  CHECK(mixed->status == 400);
  check_session_unaffected(rig, before);
}

TEST_CASE("scenes listed with thumbnails", "[companion][server]") {
  ServerRig rig;
  const auto list = json::parse(rig.get("/api/scenes")->body);
  REQUIRE(list.size() == 3);
  CHECK(list[0]["id"] == "sea");
  CHECK(list[0]["title"] == "Sea at golden hour");
  CHECK(list[0]["thumbnail"] == "/api/scenes/sea/thumbnail.png");
  const auto png = rig.get("/api/scenes/forest/thumbnail.png");
  REQUIRE(png->status == 200);
  CHECK(png->get_header_value("Content-Type") == "image/png");
  const auto expected = rig.scenes.thumbnail_png("forest").value();
  CHECK(png->body == std::string(expected.begin(), expected.end()));
  CHECK(rig.get("/api/scenes/moon/thumbnail.png")->status == 404);
}

TEST_CASE("mirror serves the latest picture", "[companion][server]") {
  ServerRig rig;
  CHECK_FALSE(rig.mirror.wanted());
  const auto none = rig.get("/api/mirror.jpg");
  CHECK(none->status == 204);
  CHECK(none->body.empty());
  CHECK(rig.mirror.wanted());

  core::Rgba8Image image{64, 36, std::vector<std::uint8_t>(64 * 36 * 4, 200)};
  CHECK(rig.mirror.try_publish(image));
  const auto jpeg = rig.get("/api/mirror.jpg");
  REQUIRE(jpeg->status == 200);
  CHECK(jpeg->get_header_value("Content-Type") == "image/jpeg");
  REQUIRE(jpeg->body.size() > 2);
  CHECK(static_cast<unsigned char>(jpeg->body[0]) == 0xFF);
  CHECK(static_cast<unsigned char>(jpeg->body[1]) == 0xD8);
  CHECK(rig.get("/api/mirror.jpg", {})->status == 401);
}

TEST_CASE("mirror downscale averages blocks", "[companion][mirror]") {
  core::Rgba8Image image{4, 2, {}};
  for (int i = 0; i < 8; ++i) {
    const auto value = static_cast<std::uint8_t>(i * 10);
    image.pixels.insert(image.pixels.end(), {value, value, value, 255});
  }
  const core::Rgba8Image small = companion::downscale(image, 2);
  REQUIRE(small.width == 2);
  REQUIRE(small.height == 1);
  // The first block holds values 0, 10, 40 and 50.
  CHECK(small.pixels[0] == 25);
  CHECK(small.pixels[3] == 255);
  CHECK(companion::downscale(image, 8).width == 4);
}

TEST_CASE("status stream sends state", "[companion][server]") {
  ServerRig rig;
  rig.start_session();
  std::string received;
  auto client = rig.client();
  const auto result = client->Get("/api/events", rig.good_headers(), [&](const char* data, std::size_t length) {
    received.append(data, length);
    return received.find("\n\n") == std::string::npos;
  });
  CHECK(received.rfind("event: status\ndata: ", 0) == 0);
  const auto data = received.substr(received.find("data: ") + 6);
  const auto status = json::parse(data.substr(0, data.find('\n')));
  CHECK(status["state"] == "running");
  CHECK(status["headset_worn"] == true);
  CHECK(status["health"]["audio_ok"] == true);
}

TEST_CASE("page sets cookie from token", "[companion][server]") {
  ServerRig rig;
  const auto page = rig.get("/", {});
  REQUIRE(page->status == 200);
  CHECK(page->body.find("Stop now") != std::string::npos);
  CHECK(page->get_header_value("Content-Security-Policy").find("default-src 'self'") == 0);

  const auto opened = rig.get("/?token=" + rig.server.token(), {});
  CHECK(opened->status == 303);
  CHECK(opened->get_header_value("Location") == "/");
  CHECK(opened->get_header_value("Set-Cookie") ==
        "stillwater_token=" + rig.server.token() + "; Path=/; HttpOnly; SameSite=Strict");
  const auto wrong = rig.get("/?token=wrong", {});
  CHECK(wrong->status == 401);
  CHECK_FALSE(wrong->has_header("Set-Cookie"));
  CHECK(rig.get("/page.js", {})->status == 200);
  CHECK(rig.get("/page.css", {})->status == 200);
}

TEST_CASE("scores without records store", "[companion][server]") {
  ServerRig rig;
  const auto result = rig.post("/api/session/scores", R"({"after": {"anxiety": 2}})");
  CHECK(result->status == 409);
  CHECK(error_of(result) == "Session records are not kept in this run, so the scores were not saved. Session records "
                            "are not kept by this program.");
  const auto status = json::parse(rig.get("/api/records")->body);
  CHECK(status["available"] == false);
  CHECK(status["state"] == "without_records");
  // Without records the label stays optional.
  CHECK(rig.post("/api/session/start", R"({"scene": "sea", "minutes": 10})")->status == 202);
}

TEST_CASE("other address needs the option", "[companion][server]") {
  ServerOptions options = test_options();
  options.address = "127.0.0.2";
  core::SessionController controller;
  test::FixedScenes scenes;
  test::FixedHealth health;
  companion::MirrorSlot mirror;
  companion::NoRecords records;
  CompanionServer server(controller, scenes, health, mirror, records, options);
  CHECK_THROWS_WITH(server.start(),
                    "Listening on 127.0.0.2 would open the companion to the network. Use --listen 127.0.0.2 to do so "
                    "on purpose; devices then pair with a code shown here.");
}

TEST_CASE("busy port is reported", "[companion][server]") {
  ServerRig first;
  ServerOptions options = test_options();
  options.port = first.server.port();
  core::SessionController controller;
  test::FixedScenes scenes;
  test::FixedHealth health;
  companion::MirrorSlot mirror;
  companion::NoRecords records;
  CompanionServer server(controller, scenes, health, mirror, records, options);
  CHECK_THROWS_WITH(server.start(), fmt::format("Could not listen on 127.0.0.1 port {}. Another program may be using "
                                                "the port: close it or choose another port.",
                                                options.port));
}

TEST_CASE("pairing on another address", "[companion][server]") {
  ServerOptions options = test_options();
  // 127.0.0.2 plays the network address, so the traffic stays on this machine.
  options.address = "127.0.0.2";
  options.allow_other_address = true;
  core::SessionController controller;
  test::FixedScenes scenes;
  test::FixedHealth health;
  companion::MirrorSlot mirror;
  companion::NoRecords records;
  CompanionServer server(controller, scenes, health, mirror, records, options);
  server.start();
  REQUIRE(server.pairing_code().size() == 6);

  httplib::Client client("127.0.0.2", server.port());
  const std::string origin = fmt::format("http://127.0.0.2:{}", server.port());
  const auto wrong = client.Post("/api/pair", {{"Origin", origin}}, R"({"code": "000000x"})", "application/json");
  REQUIRE(wrong);
  CHECK(wrong->status == 401);
  CHECK(error_of(wrong) == "The pairing code is wrong. Enter the code shown on the ward PC.");
  const auto paired = client.Post("/api/pair", {{"Origin", origin}},
                                  json{{"code", server.pairing_code()}}.dump(), "application/json");
  REQUIRE(paired);
  CHECK(paired->status == 204);
  CHECK(paired->get_header_value("Set-Cookie").find("stillwater_token=" + server.token()) == 0);
  const auto state = client.Get("/api/state", {{"Cookie", "stillwater_token=" + server.token()}});
  CHECK(state->status == 200);
}

TEST_CASE("rejections are logged without tokens", "[companion][server]") {
  auto sink = std::make_shared<spdlog::sinks::ringbuffer_sink_mt>(200);
  const auto previous = spdlog::default_logger();
  spdlog::set_default_logger(std::make_shared<spdlog::logger>("capture", sink));

  std::vector<std::string> lines;
  std::string right_token;
  {
    ServerRig rig;
    right_token = rig.server.token();
    const std::string wrong_token = companion::make_access_token();
    const std::string port = std::to_string(rig.server.port());
    rig.get("/api/state", {{"Authorization", "Bearer " + wrong_token}});
    rig.get("/?token=" + wrong_token, {});
    rig.get("/api/state", {{"Cookie", "stillwater_token=" + wrong_token}});
    // Right token, foreign Host and no Origin: rejected with the token in hand.
    rig.get("/api/state", {{"Authorization", "Bearer " + right_token}, {"Host", "evil.example:" + port}});
    rig.post("/api/session/stop-now", "", {{"Authorization", "Bearer " + right_token}});
    rig.get("/?token=" + right_token + "&x=1", {{"Host", "localhost.:" + port}});
    // httplib may log a request just after sending its response.
    for (int attempt = 0; attempt < 200 && count_rejections(sink->last_formatted()) < 6; ++attempt) {
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    lines = sink->last_formatted();
    for (const auto& line : lines) {
      INFO(line);
      CHECK(line.find(wrong_token) == std::string::npos);
      CHECK(line.find(right_token) == std::string::npos);
    }
  }
  spdlog::set_default_logger(previous);

  CHECK(count_rejections(lines) == 6);
}

namespace {

// A records database in a fresh folder, recorded into through a real
// SessionRecorder and its writer thread.
struct RecordsRig {
  explicit RecordsRig(const std::string& name)
      : folder(fresh_folder(name)), database(folder / "records.sqlite3"), recorder(open(database)), rig(test_options(), &recorder) {}

  static std::filesystem::path fresh_folder(const std::string& name) {
    const auto folder = std::filesystem::temp_directory_path() / ("stillwater-companion-" + name);
    std::filesystem::remove_all(folder);
    std::filesystem::create_directories(folder);
    return folder;
  }

  static records::Store open(const std::filesystem::path& path) {
    auto opened = records::Store::open(path);
    if (auto* unavailable = std::get_if<records::Unavailable>(&opened)) {
      FAIL(unavailable->message);
    }
    return std::move(std::get<records::Store>(opened));
  }

  // Runs a session from the page and ends it with `end` (a session command path).
  void run_session(const std::string& start_body, const std::string& end) {
    const auto started = rig.post("/api/session/start", start_body);
    REQUIRE(started);
    INFO(started->body);
    REQUIRE(started->status == 202);
    rig.frames(10.0);
    REQUIRE(rig.post(end)->status == 202);
    rig.frames(25.0);
    REQUIRE(rig.controller.snapshot().state == core::SessionState::ended);
  }

  // The rows in the file itself, read through a second connection.
  std::vector<records::SessionRecord> rows_on_disk() {
    recorder.flush();
    auto opened = records::Store::open(database, records::Access::reader);
    REQUIRE(std::holds_alternative<records::Store>(opened));
    records::Filter oldest_first;
    oldest_first.newest_first = false;
    return std::get<records::Store>(opened).query(oldest_first);
  }

  std::filesystem::path folder;
  std::filesystem::path database;
  companion::SessionRecorder recorder;
  ServerRig rig;
};

}  // namespace

TEST_CASE("records row from a page session", "[companion][records]") {
  RecordsRig records("row");
  const auto status = json::parse(records.rig.get("/api/records")->body);
  CHECK(status["available"] == true);
  CHECK(status["state"] == "recording");
  CHECK(status["file"] == records.database.string());
  CHECK(status["kept_copy"] == "");

  const auto started =
      records.rig.post("/api/session/start", R"({"scene": "sea", "minutes": 5, "label": "Bed 4", "before": {"anxiety": 6, "pain": 3}})");
  REQUIRE(started->status == 202);
  records.rig.frames(5.0);
  // A change during the session is what the record keeps.
  const auto quieter =
      records.rig.client()->Patch("/api/settings", records.rig.good_headers(), R"({"volume": 0.5})", "application/json");
  REQUIRE(quieter->status == 202);
  records.rig.frames(5.0);
  REQUIRE(records.rig.post("/api/session/end-gently")->status == 202);
  records.rig.frames(25.0);

  const auto after = records.rig.post("/api/session/scores", R"({"label": "Bed 4", "after": {"anxiety": 2, "wellbeing": 8}})");
  CHECK(after->status == 204);

  const auto rows = records.rows_on_disk();
  REQUIRE(rows.size() == 1);
  const records::SessionRecord& row = rows.front();
  CHECK(row.label == "Bed 4");
  CHECK(row.scene == "sea");
  CHECK(row.planned == std::chrono::seconds(300));
  CHECK(row.outcome == records::Outcome::ended_early);
  // 10 s of frames, then the 20 s default fade-out.
  REQUIRE(row.actual.has_value());
  CHECK(row.actual->count() >= 29);
  CHECK(row.actual->count() <= 31);
  CHECK(row.before == records::Scores{6, 3, std::nullopt, std::nullopt});
  CHECK(row.after == records::Scores{2, std::nullopt, std::nullopt, 8});
  REQUIRE(row.comfort.has_value());
  CHECK(row.comfort->volume == 0.5F);
  CHECK(row.comfort->brightness == core::ComfortSettings{}.brightness);
  CHECK(row.ended_at.has_value());
}

TEST_CASE("records outcome of each end", "[companion][records]") {
  RecordsRig records("outcomes");
  records.run_session(R"({"scene": "sea", "minutes": 5, "label": "Bed 1"})", "/api/session/stop-now");

  // A session that runs to its planned end.
  REQUIRE(records.rig.post("/api/session/start", R"({"scene": "sea", "minutes": 0.5, "label": "Bed 2"})")->status == 202);
  records.rig.frames(35.0);

  // The headset comes off and the nurse ends the session before it is back on.
  REQUIRE(records.rig.post("/api/session/start", R"({"scene": "sea", "minutes": 5, "label": "Bed 3"})")->status == 202);
  records.rig.frames(10.0);
  REQUIRE_FALSE(records.rig.controller.post(core::HeadsetWorn{false}).has_value());
  records.rig.frames(1.0);
  REQUIRE(records.rig.post("/api/session/end-gently")->status == 202);
  records.rig.frames(25.0);

  // Taken off and put back on: the nurse's end counts as hers.
  REQUIRE(records.rig.post("/api/session/start", R"({"scene": "sea", "minutes": 5, "label": "Bed 4"})")->status == 202);
  records.rig.frames(10.0);
  REQUIRE_FALSE(records.rig.controller.post(core::HeadsetWorn{false}).has_value());
  records.rig.frames(1.0);
  REQUIRE_FALSE(records.rig.controller.post(core::HeadsetWorn{true}).has_value());
  records.rig.frames(5.0);
  REQUIRE(records.rig.post("/api/session/stop-now")->status == 202);
  records.rig.frames(1.0);

  // A fault ends the last one.
  REQUIRE(records.rig.post("/api/session/start", R"({"scene": "sea", "minutes": 5, "label": "Bed 5"})")->status == 202);
  records.rig.frames(10.0);
  REQUIRE_FALSE(records.rig.controller.post(core::ReportError{"the headset session was lost"}).has_value());
  records.rig.frames(1.0);

  const auto rows = records.rows_on_disk();
  REQUIRE(rows.size() == 5);
  CHECK(rows[0].outcome == records::Outcome::stopped_now);
  CHECK(rows[1].outcome == records::Outcome::completed);
  CHECK(rows[1].actual == std::chrono::seconds(30));
  CHECK(rows[2].outcome == records::Outcome::headset_removed);
  CHECK(rows[3].outcome == records::Outcome::stopped_now);
  CHECK(rows[4].outcome == records::Outcome::error);
  for (const auto& row : rows) {
    CHECK(row.ended_at.has_value());
  }
}

TEST_CASE("records start needs a label", "[companion][records]") {
  RecordsRig records("label");
  const auto missing = records.rig.post("/api/session/start", R"({"scene": "sea", "minutes": 5})");
  CHECK(missing->status == 400);
  CHECK(error_of(missing) == "'label' is missing: give a bed or room code, such as \"Bed 4\", never a name.");
  const auto empty = records.rig.post("/api/session/start", R"({"scene": "sea", "minutes": 5, "label": ""})");
  CHECK(empty->status == 400);
  CHECK(error_of(empty) == "'label' is missing: give a bed or room code, such as \"Bed 4\", never a name.");
  const auto dotted = records.rig.post("/api/session/start", R"({"scene": "sea", "minutes": 5, "label": "Bed 4."})");
  CHECK(dotted->status == 400);
  CHECK(error_of(dotted) == "The label contains \".\", which is not allowed: use letters A-Z, digits, spaces, "
                            "hyphens and underscores, never a name.");
  const auto spaced = records.rig.post("/api/session/start", R"({"scene": "sea", "minutes": 5, "label": " Bed 4"})");
  CHECK(spaced->status == 400);
  CHECK(error_of(spaced) == "The label starts or ends with a space: remove it, so that one bed has one label.");
  const auto number = records.rig.post("/api/session/start", R"({"scene": "sea", "minutes": 5, "label": 4})");
  CHECK(number->status == 400);
  CHECK(error_of(number) == "'label' must be text: a bed or room code, never a name.");

  // A start the controller rejects leaves no label waiting for the next one.
  records.run_session(R"({"scene": "sea", "minutes": 5, "label": "Bed 1"})", "/api/session/stop-now");
  REQUIRE(records.rig.post("/api/session/start", R"({"scene": "sea", "minutes": 5, "label": "Bed 2"})")->status == 202);
  records.rig.frames(1.0);
  const auto twice = records.rig.post("/api/session/start", R"({"scene": "sea", "minutes": 5, "label": "Bed 3"})");
  CHECK(twice->status == 409);
  records.rig.frames(1.0);
  REQUIRE(records.rig.post("/api/session/stop-now")->status == 202);
  records.rig.frames(1.0);

  const auto rows = records.rows_on_disk();
  REQUIRE(rows.size() == 2);
  CHECK(rows[0].label == "Bed 1");
  CHECK(rows[1].label == "Bed 2");
}

TEST_CASE("records after scores are checked", "[companion][records]") {
  RecordsRig records("scores");
  const auto none_yet = records.rig.post("/api/session/scores", R"({"after": {"pain": 2}})");
  CHECK(none_yet->status == 409);
  CHECK(error_of(none_yet) ==
        "No recorded session has ended since Stillwater started, so there is no session for these scores.");

  REQUIRE(records.rig.post("/api/session/start", R"({"scene": "sea", "minutes": 5, "label": "Bed 9"})")->status == 202);
  records.rig.frames(2.0);
  const auto running = records.rig.post("/api/session/scores", R"({"after": {"pain": 2}})");
  CHECK(running->status == 409);
  CHECK(error_of(running) == "The session is still running. Enter the after scores once it has ended.");
  REQUIRE(records.rig.post("/api/session/stop-now")->status == 202);
  records.rig.frames(1.0);

  const auto other_label = records.rig.post("/api/session/scores", R"({"label": "Bed 8", "after": {"pain": 2}})");
  CHECK(other_label->status == 409);
  CHECK(error_of(other_label) == "The label does not match the last session's label. Check the bed or room code.");
  const auto too_high = records.rig.post("/api/session/scores", R"({"after": {"pain": 11}})");
  CHECK(too_high->status == 400);
  CHECK(error_of(too_high) == "Score 'pain' in 'after' must be a whole number from 0 to 10.");
  const auto fraction = records.rig.post("/api/session/scores", R"({"after": {"pain": 2.5}})");
  CHECK(fraction->status == 400);
  CHECK(error_of(fraction) == "Score 'pain' in 'after' must be a whole number from 0 to 10.");
  const auto unknown = records.rig.post("/api/session/scores", R"({"after": {"mood": 2}})");
  CHECK(unknown->status == 400);
  CHECK(error_of(unknown) == "Unknown score 'mood' in 'after'. Scores are anxiety, pain, breathlessness and wellbeing.");
  const auto not_object = records.rig.post("/api/session/scores", R"({"after": [2]})");
  CHECK(not_object->status == 400);
  CHECK(error_of(not_object) == "'after' must be an object of scores, such as {\"anxiety\": 4}.");

  // None of the rejected requests reached the file; a later one replaces the scores.
  CHECK(records.rows_on_disk().front().after == records::Scores{});
  CHECK(records.rig.post("/api/session/scores", R"({"after": {"pain": 5}})")->status == 204);
  CHECK(records.rig.post("/api/session/scores", R"({"after": {"pain": 4, "anxiety": null}})")->status == 204);
  CHECK(records.rows_on_disk().front().after == records::Scores{std::nullopt, 4, std::nullopt, std::nullopt});
}

TEST_CASE("records history with filters", "[companion][records]") {
  RecordsRig records("history");
  records.run_session(R"({"scene": "sea", "minutes": 5, "label": "Bed 1", "before": {"wellbeing": 3}})",
                      "/api/session/stop-now");
  records.run_session(R"({"scene": "forest", "minutes": 10, "label": "Bed 2"})", "/api/session/stop-now");
  records.run_session(R"({"scene": "sea", "minutes": 5, "label": "Bed 1"})", "/api/session/end-gently");
  records.recorder.flush();

  const auto all = records.rig.get("/api/records/sessions");
  REQUIRE(all->status == 200);
  CHECK(all->get_header_value("Cache-Control") == "no-store");
  const auto sessions = json::parse(all->body)["sessions"];
  REQUIRE(sessions.size() == 3);
  // Newest first.
  CHECK(sessions[0]["outcome"] == "ended_early");
  CHECK(sessions[2]["label"] == "Bed 1");
  CHECK(sessions[2]["scene"] == "sea");
  CHECK(sessions[2]["planned_s"] == 300);
  CHECK(sessions[2]["outcome"] == "stopped_now");
  CHECK(sessions[2]["before"]["wellbeing"] == 3);
  CHECK(sessions[2]["before"]["pain"].is_null());
  CHECK(sessions[2]["after"]["wellbeing"].is_null());
  CHECK(sessions[2]["settings"]["motion"] == "gentle");
  CHECK(std::regex_match(sessions[2]["started_at"].get<std::string>(),
                         std::regex(R"(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z)")));

  const auto bed_one = json::parse(records.rig.get("/api/records/sessions?label=Bed%201")->body)["sessions"];
  REQUIRE(bed_one.size() == 2);
  CHECK(bed_one[0]["label"] == "Bed 1");
  CHECK(bed_one[1]["label"] == "Bed 1");

  const auto limited = json::parse(records.rig.get("/api/records/sessions?limit=1")->body)["sessions"];
  REQUIRE(limited.size() == 1);
  CHECK(limited[0]["id"] == sessions[0]["id"]);

  const std::string today = sessions[0]["started_at"].get<std::string>().substr(0, 10);
  const auto on_today = json::parse(records.rig.get("/api/records/sessions?from=" + today + "&to=" + today)->body);
  CHECK(on_today["sessions"].size() == 3);
  const auto long_ago = json::parse(records.rig.get("/api/records/sessions?from=2001-01-01&to=2001-12-31")->body);
  CHECK(long_ago["sessions"].empty());
}

TEST_CASE("records history rejects bad filters", "[companion][records]") {
  RecordsRig records("bad-filters");
  const std::vector<std::pair<std::string, std::string>> cases{
      {"/api/records/sessions?label=Mrs.%20Smith",
       "The label contains \".\", which is not allowed: use letters A-Z, digits, spaces, hyphens and underscores, "
       "never a name."},
      {"/api/records/sessions?from=yesterday",
       "'from' is not a valid date: \"yesterday\". Use YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ, in UTC."},
      {"/api/records/sessions?to=2026-02-30",
       "'to' is not a valid date: \"2026-02-30\". Use YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ, in UTC."},
      {"/api/records/sessions?from=2026-03-02&to=2026-03-01",
       "'from' 2026-03-02 is not before 'to' 2026-03-01. Give the earlier date first."},
      {"/api/records/sessions?limit=0", "'limit' must be a whole number from 1 to 1000, not \"0\"."},
      {"/api/records/sessions?limit=1001", "'limit' must be a whole number from 1 to 1000, not \"1001\"."},
      {"/api/records/sessions?limit=ten", "'limit' must be a whole number from 1 to 1000, not \"ten\"."},
      {"/api/records/export.csv?limit=5",
       "'limit' does not apply to the export, which has every session that matches. Leave it out."},
      {"/api/records/export.csv?from=2026-13-01",
       "'from' is not a valid date: \"2026-13-01\". Use YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ, in UTC."},
  };
  for (const auto& [path, message] : cases) {
    INFO(path);
    const auto result = records.rig.get(path);
    REQUIRE(result);
    CHECK(result->status == 400);
    CHECK(error_of(result) == message);
  }
}

TEST_CASE("records csv download", "[companion][records]") {
  RecordsRig records("csv");
  records.run_session(R"({"scene": "sea", "minutes": 5, "label": "Bed 1", "before": {"anxiety": 7}})",
                      "/api/session/stop-now");
  REQUIRE(records.rig.post("/api/session/scores", R"({"after": {"anxiety": 3}})")->status == 204);
  records.run_session(R"({"scene": "forest", "minutes": 10, "label": "Bed 2"})", "/api/session/end-gently");
  records.recorder.flush();

  const auto download = records.rig.get("/api/records/export.csv");
  REQUIRE(download);
  CHECK(download->status == 200);
  CHECK(download->get_header_value("Content-Type") == "text/csv; charset=utf-8");
  CHECK(std::regex_match(download->get_header_value("Content-Disposition"),
                         std::regex(R"(attachment; filename="stillwater-records-\d{8}T\d{6}Z\.csv")")));

  // The same bytes as the command line's export of the same file.
  const auto rows = records.rows_on_disk();
  std::ostringstream expected;
  records::write_csv(expected, rows);
  CHECK(download->body == expected.str());
  CHECK(download->body.rfind("id,label,scene,started_at,ended_at,planned_s,actual_s,outcome,anxiety_before,", 0) == 0);
  CHECK(download->body.find(",Bed 1,sea,") != std::string::npos);
  CHECK(download->body.find(",stopped_now,7,,,,3,,,,") != std::string::npos);
  CHECK(download->body.find("\r\n") != std::string::npos);

  const auto bed_two = records.rig.get("/api/records/export.csv?label=Bed%202");
  REQUIRE(bed_two->status == 200);
  CHECK(bed_two->body.find("Bed 1") == std::string::npos);
  CHECK(bed_two->body.find(",Bed 2,forest,") != std::string::npos);

  // Like every request under /api/, the download needs the token.
  const auto without_token = records.rig.get("/api/records/export.csv", {});
  CHECK(without_token->status == 401);
  CHECK(without_token->body.find("Bed") == std::string::npos);
  const auto history_without_token = records.rig.get("/api/records/sessions", {});
  CHECK(history_without_token->status == 401);
}

TEST_CASE("records damaged file needs agreement", "[companion][records]") {
  const auto folder = RecordsRig::fresh_folder("damaged");
  const auto database = folder / "records.sqlite3";
  const std::string garbage(4096, 'x');
  {
    std::ofstream file(database, std::ios::binary);
    file << garbage;
  }
  auto opened = records::Store::open(database);
  REQUIRE(std::holds_alternative<records::Unavailable>(opened));
  auto unavailable = std::get<records::Unavailable>(std::move(opened));
  REQUIRE(unavailable.kept_copy.has_value());
  const std::string kept_copy = unavailable.kept_copy->string();
  const std::string message = unavailable.message;

  companion::SessionRecorder recorder(std::move(unavailable), false);
  ServerRig rig(test_options(), &recorder);

  const auto status = json::parse(rig.get("/api/records")->body);
  CHECK(status["available"] == false);
  CHECK(status["state"] == "unavailable");
  CHECK(status["file"] == database.string());
  CHECK(status["kept_copy"] == kept_copy);
  CHECK(status["message"] == companion::as_sentence(message));
  CHECK(status["message"].get<std::string>().find(database.string()) != std::string::npos);

  const auto refused = rig.post("/api/session/start", R"({"scene": "sea", "minutes": 5, "label": "Bed 4"})");
  CHECK(refused->status == 409);
  CHECK(error_of(refused) == "Session records cannot be kept. " + companion::as_sentence(message) +
                                 " To start the session anyway, choose \"Continue without records\": nothing of the "
                                 "session will be recorded.");
  rig.frames(1.0);
  CHECK(rig.controller.snapshot().state == core::SessionState::idle);

  const auto agreed = rig.post("/api/records/continue-without");
  REQUIRE(agreed->status == 200);
  CHECK(json::parse(agreed->body)["state"] == "without_records");
  const auto again = rig.post("/api/records/continue-without");
  CHECK(again->status == 409);
  CHECK(error_of(again) == "Session records are not unavailable, so there is nothing to agree to. Reload the page.");

  // The session runs, without a label and without records.
  CHECK(rig.post("/api/session/start", R"({"scene": "sea", "minutes": 5})")->status == 202);
  rig.frames(2.0);
  CHECK(rig.controller.snapshot().state == core::SessionState::fading_in);
  const auto history = rig.get("/api/records/sessions");
  CHECK(history->status == 409);
  CHECK(error_of(history) == "Session records are not kept in this run, so there is no history to show. " +
                                 companion::as_sentence(message));

  // Neither the file nor its copy changed.
  const auto bytes = [](const std::filesystem::path& path) {
    std::ifstream file(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(file), {});
  };
  CHECK(bytes(database) == garbage);
  CHECK(bytes(kept_copy) == garbage);
}

TEST_CASE("records agreement only when unavailable", "[companion][records]") {
  RecordsRig records("agreement");
  const auto result = records.rig.post("/api/records/continue-without");
  CHECK(result->status == 409);
  CHECK(error_of(result) == "Session records are not unavailable, so there is nothing to agree to. Reload the page.");
  CHECK(json::parse(records.rig.get("/api/records")->body)["state"] == "recording");
}

TEST_CASE("records outcome mapping", "[companion][records]") {
  using core::SessionEventKind;
  CHECK(companion::outcome_of(SessionEventKind::completed, true) == records::Outcome::completed);
  CHECK(companion::outcome_of(SessionEventKind::ended_early, true) == records::Outcome::ended_early);
  CHECK(companion::outcome_of(SessionEventKind::ended_early, false) == records::Outcome::headset_removed);
  CHECK(companion::outcome_of(SessionEventKind::stopped_now, true) == records::Outcome::stopped_now);
  CHECK(companion::outcome_of(SessionEventKind::stopped_now, false) == records::Outcome::headset_removed);
  CHECK(companion::outcome_of(SessionEventKind::error, false) == records::Outcome::error);
  CHECK(companion::outcome_of(SessionEventKind::error, true) == records::Outcome::error);
}
