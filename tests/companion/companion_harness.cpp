// Runs the session controller and the companion server with a simulated
// frame loop (no rendering, no headset) at about 60 frames a second, so the
// page can be tested in a browser. Prints the page's address on standard
// output and runs until SIGINT or SIGTERM. With --records FILE, sessions are
// recorded in that SQLite file as `stillwater run` records them.

#include "companion/companion_server.hpp"
#include "companion/session_recorder.hpp"
#include "core/logging.hpp"
#include "core/session_controller.hpp"
#include "fixed_scenes.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <array>
#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <memory>
#include <variant>
#include <thread>

using namespace stillwater;

namespace {

constexpr std::uint32_t kMirrorWidth = 320;
constexpr std::uint32_t kMirrorHeight = 180;
constexpr auto kFramePeriod = std::chrono::microseconds(16'667);
constexpr double kMirrorPeriodS = 0.25;

// A stand-in for the rendered view: a sky and a sea whose colours depend on
// the scene, dimmed by the frame's fade and brightness.
core::Rgba8Image simulated_view(const core::SessionFrame& frame) {
  const bool night = frame.scene == "night";
  const bool forest = frame.scene == "forest";
  const float light = frame.picture_fade * frame.brightness;
  core::Rgba8Image image{kMirrorWidth, kMirrorHeight,
                         std::vector<std::uint8_t>(static_cast<std::size_t>(kMirrorWidth) * kMirrorHeight * 4)};
  for (std::uint32_t y = 0; y < kMirrorHeight; ++y) {
    const bool sky = y < kMirrorHeight * 3 / 5;
    std::array<float, 3> colour{240.0F, 190.0F, 120.0F};
    if (night) {
      colour = {20.0F, 25.0F, 60.0F};
    } else if (!sky) {
      colour = forest ? std::array{40.0F, 90.0F, 40.0F} : std::array{40.0F, 90.0F, 130.0F};
    } else if (forest) {
      colour = {150.0F, 200.0F, 160.0F};
    }
    const auto [r, g, b] = colour;
    for (std::uint32_t x = 0; x < kMirrorWidth; ++x) {
      const auto offset = image.offset(x, y);
      image.pixels[offset + 0] = static_cast<std::uint8_t>(r * light);
      image.pixels[offset + 1] = static_cast<std::uint8_t>(g * light);
      image.pixels[offset + 2] = static_cast<std::uint8_t>(b * light * (1.0F - 0.4F * frame.warm_colour));
      image.pixels[offset + 3] = 255;
    }
  }
  return image;
}

void run_frame_loop(core::SessionController& controller, companion::MirrorSlot& mirror, test::FixedHealth& health,
                    companion::SessionRecorder* recorder, const std::atomic<bool>& stopping) {
  auto next = std::chrono::steady_clock::now();
  double last_mirror_s = 0.0;
  double window_start_s = core::SessionController::steady_seconds();
  int frames_in_window = 0;
  while (!stopping) {
    next += kFramePeriod;
    std::this_thread::sleep_until(next);
    const double now_s = core::SessionController::steady_seconds();
    const core::SessionFrame frame = controller.advance(now_s);
    if (auto events = controller.take_events(); recorder != nullptr && !events.empty()) {
      recorder->observe(events, controller.snapshot());
    }

    ++frames_in_window;
    if (now_s - window_start_s >= 1.0) {
      const double rate = frames_in_window / (now_s - window_start_s);
      health.set(companion::Health{rate, 60.0, rate >= 54.0, true, ""});
      frames_in_window = 0;
      window_start_s = now_s;
    }
    if (mirror.wanted() && now_s - last_mirror_s >= kMirrorPeriodS) {
      mirror.try_publish(simulated_view(frame));
      last_mirror_s = now_s;
    }
  }
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Runs the companion page against a simulated frame loop, for tests.", "companion_harness"};
  companion::ServerOptions options;
  options.port = 0;
  std::string listen;
  std::string records_file;
  app.add_option("--port", options.port, "TCP port to listen on; 0 picks a free one")->capture_default_str();
  app.add_option("--listen", listen, "Listen on this address instead of 127.0.0.1; devices then pair with a code");
  app.add_option("--records", records_file, "Record sessions in this SQLite file");
  double thumbnails_after_s = 0.0;
  app.add_option("--thumbnails-after", thumbnails_after_s,
                 "Seconds after start before scene thumbnails are ready; until then they answer 503")
      ->check(CLI::Range(0.0, 600.0))
      ->capture_default_str();
  CLI11_PARSE(app, argc, argv);
  if (!listen.empty()) {
    options.address = listen;
    options.allow_other_address = true;
  }
  core::init_logging();

  // Blocks the stop signals in every thread, so main() can wait for them.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  core::SessionController controller;
  test::FixedScenes scenes(std::chrono::milliseconds(static_cast<long long>(thumbnails_after_s * 1000.0)));
  test::FixedHealth health;
  companion::MirrorSlot mirror;
  companion::NoRecords no_records;
  std::unique_ptr<companion::SessionRecorder> recorder;
  if (!records_file.empty()) {
    auto opened = records::Store::open(records_file);
    if (auto* unavailable = std::get_if<records::Unavailable>(&opened)) {
      fmt::print(stderr, "companion_harness: {}\n", unavailable->message);
      return 1;
    }
    recorder = std::make_unique<companion::SessionRecorder>(std::move(std::get<records::Store>(opened)));
  }
  companion::RecordsSink& records = recorder ? static_cast<companion::RecordsSink&>(*recorder) : no_records;
  companion::CompanionServer server(controller, scenes, health, mirror, records, options);
  try {
    server.start();
  } catch (const companion::CompanionError& error) {
    fmt::print(stderr, "companion_harness: {}\n", error.what());
    return 1;
  }

  std::atomic<bool> stopping{false};
  std::thread frame_loop([&] { run_frame_loop(controller, mirror, health, recorder.get(), stopping); });

  fmt::print("Stillwater companion: {}\n", server.page_url());
  if (!server.pairing_code().empty()) {
    fmt::print("Pairing code for other devices: {}\n", server.pairing_code());
  }
  std::fflush(stdout);

  int received = 0;
  sigwait(&signals, &received);
  stopping = true;
  frame_loop.join();
  server.stop();
  return 0;
}
