#include "app/bench_command.hpp"

#include "app/bench_report.hpp"
#include "app/exit_status.hpp"
#include "app/image_size.hpp"
#include "app/resident_memory.hpp"
#include "app/stereo_bench.hpp"
#include "core/png_file.hpp"
#include "core/program_clock.hpp"
#include "render/context.hpp"
#include "scene/scene_file.hpp"
#include "render/renderer.hpp"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace stillwater::app {

namespace {

constexpr std::uint32_t kMaxFrames = 100000;
constexpr std::uint32_t kMaxWarmupFrames = 10000;

// Every place `bench` can load, in the order it measures them by default:
// "sea", the built-in open sea without a scene file, then every scene in
// the scenes folder by name.
std::vector<std::string> bench_places() {
  std::vector<std::string> places{"sea"};
  for (std::string& name : scene::shipped_scene_names()) {
    places.push_back(std::move(name));
  }
  return places;
}

std::string place_list(const std::vector<std::string>& places) {
  std::string list;
  for (const std::string& name : places) {
    list += list.empty() ? "" : ", ";
    list += name;
  }
  return list;
}

// Builds everything the place needs before its first frame.
std::unique_ptr<render::Renderer> load_scene(const render::Context& context, const render::TargetFormat& format,
                                             std::string_view name) {
  auto renderer = std::make_unique<render::Renderer>(context, format);
  if (name != "sea") {
    renderer->set_scene(scene::load_scene(scene::find_scene(name)));
  }
  return renderer;
}

SceneReport measure_scene(const render::Context& context, StereoBench& bench, std::string_view name,
                          const BenchOptions& options) {
  spdlog::info("Benchmarking place {}", name);
  SceneReport report;
  report.name = std::string(name);

  const auto load_start = std::chrono::steady_clock::now();
  const std::unique_ptr<render::Renderer> renderer = load_scene(context, bench.target_format(), name);
  report.load_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - load_start).count();

  const SceneMeasurement measurement = bench.run(*renderer, options.warmup, options.frames);
  report.cpu_ms = summarise_durations(measurement.cpu_ms);
  report.thread_cpu_ms = summarise_durations(measurement.thread_cpu_ms);
  if (!measurement.gpu_ms.empty()) {
    report.gpu_ms = summarise_durations(measurement.gpu_ms);
  }
  return report;
}

}  // namespace

CLI::App* add_bench_command(CLI::App& app, BenchOptions& options) {
  CLI::App* bench = app.add_subcommand(
      "bench", "Measure frame times, start-up time and memory for each place, rendering stereo offscreen");
  bench->add_option("-s,--size", options.size, "Size of each eye's image as WIDTHxHEIGHT in pixels")
      ->capture_default_str();
  bench->add_option("--frames", options.frames, fmt::format("Frames to measure per place, 1 to {}", kMaxFrames))
      ->capture_default_str();
  bench->add_option("--warmup", options.warmup,
                    fmt::format("Frames to render before measuring each place, 0 to {}", kMaxWarmupFrames))
      ->capture_default_str();
  bench->add_option("--json", options.json, "Also write the results as JSON to this file");
  bench->add_option("--scene", options.scenes,
                    fmt::format("Place to measure, by name; repeat for several (default: all of {})",
                                            place_list(bench_places())));
  bench->add_flag("--validation", options.validation,
                  "Turn on the Vulkan validation layers, which slows every frame (on by default in debug builds)");
  return bench;
}

int run_bench_command(const BenchOptions& options) {
  const auto parsed = parse_image_size(options.size);
  if (const auto* message = std::get_if<std::string>(&parsed)) {
    return report_usage_error("--size: " + *message);
  }
  const auto size = std::get<ImageSize>(parsed);

  if (options.frames < 1 || options.frames > kMaxFrames) {
    return report_usage_error(
        fmt::format("--frames: invalid value {}: use 1 to {} frames", options.frames, kMaxFrames));
  }
  if (options.warmup > kMaxWarmupFrames) {
    return report_usage_error(
        fmt::format("--warmup: invalid value {}: use 0 to {} frames", options.warmup, kMaxWarmupFrames));
  }

  const std::vector<std::string> places = bench_places();
  std::vector<std::string_view> scenes(places.begin(), places.end());
  if (!options.scenes.empty()) {
    scenes.clear();
    for (const std::string& name : options.scenes) {
      if (std::find(places.begin(), places.end(), name) == places.end()) {
        return report_usage_error(
            fmt::format("--scene: unknown place \"{}\": the places available are: {}", name, place_list(places)));
      }
      scenes.emplace_back(name);
    }
  }

  if (!options.json.empty()) {
    core::check_writable(options.json);
  }

  render::ContextOptions context_options;
  context_options.validation = options.validation || render::validation_enabled_by_default();
  const render::Context context(context_options);

  BenchReport report;
  report.context_s = core::seconds_since_program_start();
  report.eye_width = size.width;
  report.eye_height = size.height;
  report.frames = options.frames;
  report.warmup = options.warmup;
  report.validation = context.validation_active();
  report.device = context.properties().deviceName;

  StereoBench bench(context, {size.width, size.height});
  report.gpu_unavailable_reason = bench.gpu_timer().unavailable_reason();

  for (const std::string_view name : scenes) {
    report.scenes.push_back(measure_scene(context, bench, name, options));
  }
  report.first_frame_s = bench.first_submit_s().value_or(0.0);
  report.peak_resident_bytes = peak_resident_bytes();

  print_bench_table(report, stdout);
  if (!options.json.empty()) {
    write_bench_json(report, options.json);
    std::printf("Wrote %s\n", std::filesystem::absolute(options.json).c_str());
  }

  if (const auto problems = context.validation_report().total(); problems > 0) {
    spdlog::error("Vulkan validation reported {} problem(s) during the benchmark", problems);
    return kExitFailure;
  }
  return kExitSuccess;
}

}  // namespace stillwater::app
