#include "core/png_file.hpp"
#include "render/frame_target.hpp"
#include "render/offscreen_renderer.hpp"
#include "support/child_process.hpp"
#include "support/render_fixture.hpp"

#include <catch2/catch.hpp>
#include <httplib.h>

#include <algorithm>
#include <cmath>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <regex>
#include <string>
#include <thread>
#include <vector>

#include <unistd.h>

using namespace std::chrono_literals;
using stillwater::test::ChildProcess;
using stillwater::test::ProcessResult;
using stillwater::test::run_with_environment;

namespace {

// Monado's simulated headset with its null compositor, and the fault layer
// when a test names faults.
std::map<std::string, std::string> headset_environment(const std::string& faults) {
  std::map<std::string, std::string> environment{
      {"XR_RUNTIME_JSON", STILLWATER_MONADO_MANIFEST},
      {"XRT_COMPOSITOR_NULL", "1"},
      {"SIMULATED_ENABLE", "1"},
      {"XRT_LOG", "error"},
  };
  if (!faults.empty()) {
    environment["XR_API_LAYER_PATH"] = STILLWATER_FAULT_LAYER_DIR;
    environment["XR_ENABLE_API_LAYERS"] = "XR_APILAYER_STILLWATER_fault_injection";
    environment["STILLWATER_XR_FAULTS"] = faults;
  }
  return environment;
}

ProcessResult run_session(const std::string& minutes, const std::string& faults) {
  return run_with_environment({STILLWATER_EXECUTABLE, "run", "--port", "0", "--scene", "sea", "--minutes", minutes, "--validation"},
                              headset_environment(faults), 120s);
}

// Frames shown, from the program's closing line; -1 when it is missing.
long frames_shown(const std::string& output) {
  std::smatch match;
  if (std::regex_search(output, match, std::regex(R"(: (\d+) frames shown on the headset)"))) {
    return std::stol(match[1]);
  }
  return -1;
}

// Lines the program logged at error level; other libraries' output that
// merely contains the word does not count.
bool has_error_lines(const std::string& output) {
  return std::regex_search(output, std::regex(R"(\.\d{3} error )"));
}

// The fault layer's summary of the depth info it saw (report_depth=1).
const std::regex kDepthReport(R"(depth report: (\d+) projection layers, (\d+) with valid depth on every view)");

// Where `text` first appears at or after `from`; past the end when absent.
std::size_t position_of(const std::string& output, const std::string& text, std::size_t from = 0) {
  const auto position = output.find(text, from);
  return position == std::string::npos ? output.size() + 1 : position;
}

}  // namespace

TEST_CASE("headset session full lifecycle", "[xr][headset]") {
  const ProcessResult result = run_session("0.1", "");
  INFO(result.standard_output);
  REQUIRE(result.exit_status == 0);
  const std::string& output = result.standard_output;
  CHECK_FALSE(has_error_lines(output));
  CHECK(frames_shown(output) > 20);

  // The states arrive in the order the OpenXR lifecycle defines.
  const auto ready = position_of(output, "-> XR_SESSION_STATE_READY");
  const auto focused = position_of(output, "-> XR_SESSION_STATE_FOCUSED");
  const auto stopping = position_of(output, "-> XR_SESSION_STATE_STOPPING");
  const auto exiting = position_of(output, "-> XR_SESSION_STATE_EXITING");
  CHECK(ready < focused);
  CHECK(focused < stopping);
  CHECK(stopping < exiting);
  CHECK(exiting < output.size());
  CHECK(output.find("XR_KHR_vulkan_enable2") != std::string::npos);
  CHECK(output.find("chosen: R8G8B8A8_SRGB") != std::string::npos);
}

TEST_CASE("headset 300 frames with depth, no validation messages", "[xr][headset][depth]") {
  // Counted in frames, not seconds, so a busy machine only makes it slower.
  // The fault layer injects nothing here: it only checks the depth info
  // chained to every projection view.
  const ProcessResult result = run_with_environment(
      {STILLWATER_EXECUTABLE, "run", "--port", "0", "--scene", "sea", "--minutes", "10", "--frames", "300",
       "--validation"},
      headset_environment("report_depth=1"), 300s);
  INFO(result.standard_output);
  REQUIRE(result.exit_status == 0);
  const std::string& output = result.standard_output;
  CHECK(frames_shown(output) >= 300);
  CHECK(output.find("Session frame count reached") != std::string::npos);
  CHECK(output.find("Vulkan validation") == std::string::npos);
  // The resolve mode follows the device: MIN where it is supported, else
  // SAMPLE_ZERO, as on lavapipe.
  const bool min_resolve = (stillwater::render::supported_depth_resolve_modes(stillwater::test::shared_context()) &
                            VK_RESOLVE_MODE_MIN_BIT) != 0U;
  CHECK(output.find(std::string("OpenXR depth layer: D32_SFLOAT depth swapchain per eye, 4x depth resolved with ") +
                    (min_resolve ? "MIN" : "SAMPLE_ZERO") + ", near 0.05 m, far 2000 m") != std::string::npos);

  std::smatch match;
  REQUIRE(std::regex_search(output, match, kDepthReport));
  const long layers = std::stol(match[1]);
  CHECK(layers >= 300);
  CHECK(std::stol(match[2]) == layers);
  // VK_FORMAT_D32_SFLOAT is 126, and the depth image is the colour image's size.
  REQUIRE(std::regex_search(output, match,
                            std::regex(R"(first depth info: format 126, swapchain (\d+)x(\d+), rect (\d+)x(\d+), )"
                                       R"(minDepth 0, maxDepth 1, nearZ 0\.05, farZ 2000)")));
  CHECK(match[1] == match[3]);
  CHECK(match[2] == match[4]);
}

TEST_CASE("headset without depth formats still submits", "[xr][headset][depth][fault]") {
  const ProcessResult result = run_session("0.1", "formats=no_depth,report_depth=1");
  INFO(result.standard_output);
  REQUIRE(result.exit_status == 0);
  const std::string& output = result.standard_output;
  CHECK_FALSE(has_error_lines(output));
  CHECK(frames_shown(output) > 20);

  const std::string not_sent =
      "OpenXR depth layer: depth is not sent, because the OpenXR runtime offers no depth swapchain format that the "
      "Vulkan device can render to (Stillwater uses D32_SFLOAT, X8_D24_UNORM_PACK32 or D16_UNORM)";
  CHECK(output.find(not_sent) != std::string::npos);
  CHECK(output.find(not_sent) == output.rfind(not_sent));

  std::smatch match;
  REQUIRE(std::regex_search(output, match, kDepthReport));
  CHECK(std::stol(match[1]) > 20);
  CHECK(std::stol(match[2]) == 0);
  CHECK(output.find("first depth info: none") != std::string::npos);
}

TEST_CASE("headset loss pending rebuilds session", "[xr][headset][fault]") {
  const ProcessResult result = run_session("0.15", "loss_pending_at_frame=20");
  INFO(result.standard_output);
  REQUIRE(result.exit_status == 0);
  const std::string& output = result.standard_output;
  CHECK(output.find("queueing LOSS_PENDING") != std::string::npos);
  CHECK(output.find("session loss pending") != std::string::npos);
  CHECK(position_of(output, "Headset session lost; rebuilding it in 1 s (attempt 1 of 5)") <
        position_of(output, "-> XR_SESSION_STATE_EXITING"));
  CHECK(output.find("OpenXR session created") != output.rfind("OpenXR session created"));
}

TEST_CASE("headset session lost mid-frame", "[xr][headset][fault]") {
  const ProcessResult result = run_session("0.15", "session_lost_at_frame=20");
  INFO(result.standard_output);
  REQUIRE(result.exit_status == 0);
  CHECK(result.standard_output.find("xrEndFrame failed with XR_ERROR_SESSION_LOST") != std::string::npos);
  CHECK(result.standard_output.find("rebuilding it in 1 s") != std::string::npos);
  CHECK(result.standard_output.find("-> XR_SESSION_STATE_EXITING") != std::string::npos);
}

TEST_CASE("headset runtime failure in xrEndFrame", "[xr][headset][fault]") {
  const ProcessResult result = run_session("0.15", "end_frame_failure_at_frame=20");
  INFO(result.standard_output);
  REQUIRE(result.exit_status == 0);
  CHECK(result.standard_output.find("xrEndFrame failed with XR_ERROR_RUNTIME_FAILURE") != std::string::npos);
  CHECK(result.standard_output.find("rebuilding it in 1 s") != std::string::npos);
}

TEST_CASE("headset taken off and put back", "[xr][headset][fault]") {
  const ProcessResult result = run_session("0.15", "headset_off_at_frame=20,headset_off_polls=40");
  INFO(result.standard_output);
  REQUIRE(result.exit_status == 0);
  const std::string& output = result.standard_output;
  CHECK_FALSE(has_error_lines(output));
  const auto off = position_of(output, "Headset not worn");
  const auto stopping = position_of(output, "XR_SESSION_STATE_SYNCHRONIZED -> XR_SESSION_STATE_STOPPING");
  const auto ready_again = position_of(output, "XR_SESSION_STATE_IDLE -> XR_SESSION_STATE_READY", stopping);
  const auto on = position_of(output, "Headset worn again");
  CHECK(stopping < output.size());
  CHECK(ready_again < output.size());
  CHECK(off < on);
  CHECK(on < output.size());
  CHECK(output.find("Session ended after") != std::string::npos);
}

TEST_CASE("headset gap log names the frame timing wait", "[xr][headset][fault]") {
  const ProcessResult result =
      run_with_environment({STILLWATER_EXECUTABLE, "--log-level", "debug", "run", "--port", "0", "--scene", "sea",
                            "--minutes", "0.1", "--validation"},
                           headset_environment("slow_wait_frame_at_frame=20,slow_wait_frame_ms=400"), 120s);
  INFO(result.standard_output);
  REQUIRE(result.exit_status == 0);
  CHECK(result.standard_output.find("xrWaitFrame sleeps") != std::string::npos);

  // The gap that holds the slow wait attributes at least the 400 ms slept
  // to the display's frame timing, and no more than the whole gap.
  const std::regex gap_line(
      R"(Frame loop: ([\d.]+) ms between two frames, of which ([\d.]+) ms waiting for the display's frame timing, )"
      R"(([\d.]+) ms for the GPU and ([\d.]+) ms handing the frame over)");
  bool found = false;
  for (std::sregex_iterator line(result.standard_output.begin(), result.standard_output.end(), gap_line), end;
       line != end; ++line) {
    const double gap_ms = std::stod((*line)[1]);
    const double frame_timing_ms = std::stod((*line)[2]);
    const double waits_ms = frame_timing_ms + std::stod((*line)[3]) + std::stod((*line)[4]);
    if (frame_timing_ms >= 400.0) {
      found = true;
      CHECK(waits_ms <= gap_ms + 0.1);
    }
  }
  CHECK(found);
}

TEST_CASE("headset survives an event flood", "[xr][headset][fault]") {
  const ProcessResult result = run_session("0.1", "event_flood_at_frame=10,event_flood_count=5000");
  INFO(result.standard_output.substr(0, 4000));
  REQUIRE(result.exit_status == 0);
  CHECK(result.standard_output.find("dropped") != std::string::npos);
  CHECK(frames_shown(result.standard_output) > 20);
  // The drops are counted, not logged one line each.
  std::size_t lines = 0;
  for (std::size_t at = 0; (at = result.standard_output.find("dropped", at)) != std::string::npos; ++at) {
    ++lines;
  }
  CHECK(lines < 200);
}

TEST_CASE("headset uses BGRA when only it is offered", "[xr][headset][fault]") {
  const ProcessResult result = run_session("0.1", "formats=bgra_srgb_only");
  INFO(result.standard_output);
  REQUIRE(result.exit_status == 0);
  CHECK(result.standard_output.find("chosen: B8G8R8A8_SRGB") != std::string::npos);
}

TEST_CASE("headset rejects unusable formats with the list", "[xr][headset][fault]") {
  const ProcessResult result = run_session("0.1", "formats=unusable");
  INFO(result.standard_output);
  CHECK(result.exit_status == 1);
  CHECK(result.standard_output.find("stillwater: error: the OpenXR runtime offers no usable swapchain format: "
                                    "Stillwater needs R8G8B8A8_SRGB or B8G8R8A8_SRGB, the runtime offers "
                                    "R16G16B16A16_UNORM") != std::string::npos);
}

TEST_CASE("headset stop before READY ends cleanly", "[xr][headset][fault]") {
  ChildProcess child({STILLWATER_EXECUTABLE, "run", "--port", "0", "--scene", "sea", "--minutes", "1", "--validation"},
                     headset_environment("hold_ready=1"));
  REQUIRE(child.wait_for_output("OpenXR session created", 60s));
  REQUIRE(child.wait_for_output("withholding READY", 20s));
  child.send_signal(SIGTERM);
  const ProcessResult result = child.wait(30s);
  INFO(result.standard_output);
  CHECK(result.exit_status == 0);
  CHECK_FALSE(has_error_lines(result.standard_output));
  CHECK(result.standard_output.find("OpenXR session destroyed") != std::string::npos);
  CHECK(result.standard_output.find("xrBeginSession") == std::string::npos);
}

TEST_CASE("headset missing runtime is one clear error", "[xr][headset]") {
  auto environment = headset_environment("");
  environment["XR_RUNTIME_JSON"] = "/nonexistent/openxr_runtime.json";
  const ProcessResult result = run_with_environment(
      {STILLWATER_EXECUTABLE, "run", "--port", "0", "--scene", "sea", "--minutes", "0.1", "--headset-only"}, environment, 60s);
  INFO(result.standard_output);
  CHECK(result.exit_status == 1);
  CHECK(result.standard_output.find("stillwater: error: no OpenXR runtime is available (XR_ERROR_") !=
        std::string::npos);
}

namespace {

double mean_luminance(const stillwater::core::Rgba8Image& image, std::uint32_t first_row, std::uint32_t end_row) {
  double sum = 0.0;
  for (std::uint32_t y = first_row; y < end_row; ++y) {
    for (std::uint32_t x = 0; x < image.width; ++x) {
      const auto offset = image.offset(x, y);
      sum += 0.2126 * image.pixels[offset] + 0.7152 * image.pixels[offset + 1] + 0.0722 * image.pixels[offset + 2];
    }
  }
  return sum / (static_cast<double>(end_row - first_row) * image.width);
}

std::filesystem::path mirror_path(const std::string& name) {
  const auto folder = std::filesystem::temp_directory_path() / "stillwater-xr-tests";
  std::filesystem::create_directories(folder);
  return folder / name;
}

}  // namespace

TEST_CASE("headset grey card matches offscreen", "[xr][headset][image]") {
  const auto out = mirror_path("grey-card.png");
  std::filesystem::remove(out);
  const ProcessResult result = run_with_environment(
      {STILLWATER_EXECUTABLE, "run", "--port", "0", "--scene", "sea", "--minutes", "0.1", "--validation", "--test-pattern", "grey", "--mirror-out",
       out.string()},
      headset_environment(""), 120s);
  INFO(result.standard_output);
  REQUIRE(result.exit_status == 0);

  auto& context = stillwater::test::shared_context();
  stillwater::render::OffscreenRenderer offscreen(context, {8, 8});
  const auto reference = offscreen.render_solid(glm::vec4(0.5F, 0.5F, 0.5F, 1.0F));
  const int expected = reference.pixels[0];
  INFO("offscreen grey: " << expected);
  CHECK(std::abs(expected - 128) <= 1);

  const auto mirror = stillwater::core::read_image(out);
  REQUIRE(mirror.width > 0);
  for (std::size_t offset = 0; offset < mirror.pixels.size(); offset += 4) {
    REQUIRE(std::abs(static_cast<int>(mirror.pixels[offset]) - expected) <= 1);
    REQUIRE(std::abs(static_cast<int>(mirror.pixels[offset + 1]) - expected) <= 1);
    REQUIRE(std::abs(static_cast<int>(mirror.pixels[offset + 2]) - expected) <= 1);
  }
}

TEST_CASE("headset mono gives both eyes one view", "[xr][headset][image]") {
  const auto mono = run_with_environment({STILLWATER_EXECUTABLE, "run", "--port", "0", "--scene", "sea", "--minutes", "0.1", "--mono"},
                                         headset_environment("report_views=1"), 120s);
  INFO(mono.standard_output);
  REQUIRE(mono.exit_status == 0);
  CHECK(mono.standard_output.find("projection views identical") != std::string::npos);

  const auto stereo = run_with_environment({STILLWATER_EXECUTABLE, "run", "--port", "0", "--scene", "sea", "--minutes", "0.1"},
                                           headset_environment("report_views=1"), 120s);
  REQUIRE(stereo.exit_status == 0);
  CHECK(stereo.standard_output.find("projection views differ") != std::string::npos);
}

TEST_CASE("headset recline turns the world", "[xr][headset][image]") {
  const auto upright = mirror_path("upright.png");
  const auto lying = mirror_path("lying.png");
  REQUIRE(run_with_environment({STILLWATER_EXECUTABLE, "run", "--port", "0", "--scene", "sea", "--minutes", "0.25", "--mirror-out", upright.string()},
                               headset_environment(""), 120s)
              .exit_status == 0);
  REQUIRE(run_with_environment({STILLWATER_EXECUTABLE, "run", "--port", "0", "--scene", "sea", "--minutes", "0.25", "--recline", "90", "--mirror-out",
                                lying.string()},
                               headset_environment(""), 120s)
              .exit_status == 0);

  // Lying flat with the head level in the headset means looking straight
  // down into the turned world: the sea fills the picture, no bright sky.
  const auto upright_image = stillwater::core::read_image(upright);
  const auto lying_image = stillwater::core::read_image(lying);
  const double upright_top = mean_luminance(upright_image, 0, upright_image.height / 3);
  const double lying_top = mean_luminance(lying_image, 0, lying_image.height / 3);
  INFO("top third luminance upright " << upright_top << ", lying " << lying_top);
  CHECK(lying_top < upright_top * 0.7);
}

TEST_CASE("headset rejects a bad recline", "[xr][headset]") {
  const auto result = run_with_environment({STILLWATER_EXECUTABLE, "run", "--port", "0", "--recline", "120"}, headset_environment(""),
                                           30s);
  CHECK(result.exit_status == 2);
  CHECK(result.standard_output.find("stillwater: error: --recline: invalid value 120: use 0 (sitting) to 90 (lying "
                                    "flat) degrees") != std::string::npos);
}

TEST_CASE("headset shows a shipped scene", "[xr][headset][scene]") {
  // Shipped scenes are heavy for software rendering, so a few frames do.
  const auto out = mirror_path("beach.png");
  std::filesystem::remove(out);
  const auto result = run_with_environment({STILLWATER_EXECUTABLE, "run", "--port", "0", "--scene", "beach", "--minutes", "10",
                                            "--frames", "4", "--validation", "--mirror-out", out.string()},
                                           headset_environment(""), 300s);
  INFO(result.standard_output);
  REQUIRE(result.exit_status == 0);
  CHECK(frames_shown(result.standard_output) >= 4);
  CHECK(result.standard_output.find("Vulkan validation") == std::string::npos);

  // The place loads behind black frames, and --frames counts only the
  // frames that showed it.
  CHECK(result.standard_output.find("First scene ready: beach after") != std::string::npos);
  std::smatch counts;
  REQUIRE(std::regex_search(result.standard_output, counts,
                            std::regex(R"(Session ended after [0-9.]+ s and (\d+) frames, (\d+) of them showing a place)")));
  CHECK(std::stol(counts[2]) >= 4);
  CHECK(std::stol(counts[1]) > std::stol(counts[2]));
}

TEST_CASE("headset place failing to load ends only the session", "[xr][headset][companion]") {
  // A scenes folder with two quiet places, spoilt after the companion has
  // listed them, so the requests are accepted and loading the place fails.
  const std::filesystem::path folder = mirror_path("scenes-" + std::to_string(getpid()));
  std::filesystem::remove_all(folder);
  std::filesystem::create_directories(folder);
  const std::shared_ptr<void> remove_folder(nullptr, [&folder](void*) { std::filesystem::remove_all(folder); });
  const auto write_scene = [&folder](const std::string& name, bool good) {
    std::ofstream out(folder / (name + ".toml"), std::ios::trunc);
    out << "name = \"" << name << "\"\ndescription = " << (good ? "\"An empty evening sky over the sea.\"" : "5") << "\n";
  };
  write_scene("quiet", true);
  write_scene("other", true);

  std::map<std::string, std::string> environment = headset_environment("");
  environment["STILLWATER_SCENES"] = folder.string();
  ChildProcess child(
      {STILLWATER_EXECUTABLE, "run", "--port", "0", "--scene", "sea", "--wait", "--without-records", "--validation"},
      environment);
  REQUIRE(child.wait_for_output("Companion page: http://127.0.0.1:", 60s));
  std::smatch match;
  const std::string started = child.output();
  REQUIRE(std::regex_search(started, match, std::regex(R"(Companion page: http://(127\.0\.0\.1):(\d+)/\?token=(\S+))")));
  httplib::Client client(match[1].str(), std::stoi(match[2].str()));
  const httplib::Headers headers{{"Authorization", "Bearer " + match[3].str()},
                                 {"Origin", "http://" + match[1].str() + ":" + match[2].str()}};
  const auto post = [&](const std::string& path, const std::string& body) {
    const auto response = client.Post(path, headers, body, "application/json");
    REQUIRE(response);
    CHECK(response->status == 202);
  };
  // Waits until the state reported to the page contains every text given.
  const auto state_shows = [&](const std::vector<std::string>& texts) {
    for (int attempt = 0; attempt < 600; ++attempt) {
      const auto state = client.Get("/api/state", headers);
      REQUIRE(state);
      if (std::all_of(texts.begin(), texts.end(),
                      [&state](const std::string& text) { return state->body.find(text) != std::string::npos; })) {
        return true;
      }
      std::this_thread::sleep_for(100ms);
    }
    return false;
  };

  write_scene("quiet", false);
  post("/api/session/start", R"({"scene": "quiet", "minutes": 1})");
  REQUIRE(child.wait_for_output("Showing the scene quiet failed", 120s));
  CHECK(child.output().find("quiet.toml") != std::string::npos);
  // The program stays up for the nurse, with the reason on the page.
  CHECK(state_shows({R"("state":"ended")", "the place quiet could not be shown"}));

  // Mended, the same place starts and shows.
  write_scene("quiet", true);
  post("/api/session/start", R"({"scene": "quiet", "minutes": 1})");
  REQUIRE(child.wait_for_output("First scene ready: quiet after", 120s));

  // A change to a spoilt place goes back to the place on show, once.
  write_scene("other", false);
  post("/api/session/scene", R"({"scene": "other"})");
  REQUIRE(child.wait_for_output("Changing the scene to other failed", 120s));
  CHECK(state_shows({R"("scene":"quiet")", R"("state":"running")"}));
  post("/api/session/stop-now", "");
  CHECK(state_shows({R"("state":"ended")"}));

  // A session that starts on the spoilt place ends in error, rather than
  // showing the place the last session ended on.
  post("/api/session/start", R"({"scene": "other", "minutes": 1})");
  REQUIRE(child.wait_for_output("Showing the scene other failed", 120s));
  CHECK(state_shows({R"("state":"ended")", "the place other could not be shown"}));

  child.send_signal(SIGTERM);
  const ProcessResult result = child.wait(120s);
  INFO(result.standard_output);
  CHECK(result.exit_status == 0);
  CHECK(result.standard_output.find("Vulkan validation") == std::string::npos);
  std::size_t failed_changes = 0;
  for (std::size_t at = result.standard_output.find("Changing the scene to other failed"); at != std::string::npos;
       at = result.standard_output.find("Changing the scene to other failed", at + 1)) {
    ++failed_changes;
  }
  CHECK(failed_changes == 1);
}

TEST_CASE("headset rejects an unknown scene", "[xr][headset][scene]") {
  const auto result = run_with_environment({STILLWATER_EXECUTABLE, "run", "--port", "0", "--scene", "nowhere"},
                                           headset_environment(""), 30s);
  INFO(result.standard_output);
  CHECK(result.exit_status == 1);
  CHECK(result.standard_output.find("stillwater: error: ") != std::string::npos);
  CHECK(result.standard_output.find("nowhere") != std::string::npos);
  CHECK(result.standard_output.find("OpenXR session created") == std::string::npos);
}

TEST_CASE("headset waiting session closes on signal", "[xr][headset][companion]") {
  ChildProcess child({STILLWATER_EXECUTABLE, "run", "--port", "0", "--scene", "sea", "--wait"},
                     headset_environment(""));
  REQUIRE(child.wait_for_output("Companion page: http://127.0.0.1:", 60s));
  CHECK(child.output().find("?token=") != std::string::npos);
  child.send_signal(SIGTERM);
  const ProcessResult result = child.wait(30s);
  INFO(result.standard_output);
  CHECK(result.exit_status == 0);
  CHECK(result.standard_output.find("Stop requested by signal") != std::string::npos);
}

TEST_CASE("headset scene change from the companion", "[xr][headset][companion]") {
  ChildProcess child({STILLWATER_EXECUTABLE, "run", "--port", "0", "--scene", "sea", "--minutes", "2", "--validation"},
                     headset_environment(""));
  REQUIRE(child.wait_for_output("session: fading_in -> running", 120s));

  std::smatch match;
  const std::string output = child.output();
  REQUIRE(std::regex_search(output, match, std::regex(R"(Companion page: http://(127\.0\.0\.1):(\d+)/\?token=(\S+))")));
  const std::string host = match[1].str() + ":" + match[2].str();
  httplib::Client client(match[1].str(), std::stoi(match[2].str()));
  const httplib::Headers headers{{"Authorization", "Bearer " + match[3].str()}, {"Origin", "http://" + host}};

  const auto unknown = client.Post("/api/session/scene", headers, R"({"scene": "nowhere"})", "application/json");
  REQUIRE(unknown);
  CHECK(unknown->status == 404);

  const auto changed = client.Post("/api/session/scene", headers, R"({"scene": "night-sky"})", "application/json");
  REQUIRE(changed);
  CHECK(changed->status == 202);
  CHECK(child.wait_for_output("Scene changed to night-sky", 120s));

  child.send_signal(SIGTERM);
  const ProcessResult result = child.wait(120s);
  INFO(result.standard_output);
  CHECK(result.exit_status == 0);
  CHECK_FALSE(has_error_lines(result.standard_output));
  CHECK(result.standard_output.find("Vulkan validation") == std::string::npos);
}
