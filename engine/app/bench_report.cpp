#include "app/bench_report.hpp"

#include <fmt/format.h>

#include <fstream>
#include <stdexcept>

namespace stillwater::app {

namespace {

nlohmann::json summary_json(const DurationSummary& summary) {
  return {{"frames", summary.count}, {"median_ms", summary.median}, {"p99_ms", summary.p99}, {"max_ms", summary.max}};
}

std::string gpu_cell(const std::optional<DurationSummary>& gpu, double DurationSummary::*field) {
  return gpu ? fmt::format("{:.3f}", (*gpu).*field) : "unavailable";
}

}  // namespace

void print_bench_table(const BenchReport& report, std::FILE* out) {
  fmt::print(out, "stillwater bench: {} views of {}x{} pixels, {}x MSAA, {} frames measured after {} warm-up frames\n",
             report.views, report.eye_width, report.eye_height, report.samples, report.frames, report.warmup);
  fmt::print(out, "Device: {}; Vulkan validation {}\n", report.device, report.validation ? "on" : "off");
  fmt::print(out, "Vulkan ready after {:.3f} s; first frame submitted {:.3f} s after program start\n",
             report.context_s, report.first_frame_s);
  fmt::print(out, "\n");

  fmt::print(out, "{:<12} {:>9} {:>13} {:>13} {:>16} {:>13} {:>13}\n", "scene", "load (s)", "CPU med (ms)",
             "CPU p99 (ms)", "thread p99 (ms)", "GPU med (ms)", "GPU p99 (ms)");
  for (const SceneReport& scene : report.scenes) {
    fmt::print(out, "{:<12} {:>9.3f} {:>13.3f} {:>13.3f} {:>16.3f} {:>13} {:>13}\n", scene.name, scene.load_s,
               scene.cpu_ms.median, scene.cpu_ms.p99, scene.thread_cpu_ms.p99,
               gpu_cell(scene.gpu_ms, &DurationSummary::median), gpu_cell(scene.gpu_ms, &DurationSummary::p99));
  }
  fmt::print(out, "\n");

  if (!report.gpu_unavailable_reason.empty()) {
    fmt::print(out, "GPU time unavailable: {}\n", report.gpu_unavailable_reason);
  }
  fmt::print(out, "Peak resident memory: {:.1f} MB\n", static_cast<double>(report.peak_resident_bytes) / 1.0e6);
}

nlohmann::json bench_report_json(const BenchReport& report) {
  nlohmann::json scenes = nlohmann::json::array();
  for (const SceneReport& scene : report.scenes) {
    nlohmann::json entry{{"name", scene.name},
                         {"load_s", scene.load_s},
                         {"cpu", summary_json(scene.cpu_ms)},
                         {"thread_cpu", summary_json(scene.thread_cpu_ms)}};
    entry["gpu"] = scene.gpu_ms ? summary_json(*scene.gpu_ms) : nlohmann::json(nullptr);
    scenes.push_back(entry);
  }

  return {{"eye_width", report.eye_width},
          {"eye_height", report.eye_height},
          {"views", report.views},
          {"samples", report.samples},
          {"frames", report.frames},
          {"warmup_frames", report.warmup},
          {"validation", report.validation},
          {"device", report.device},
          {"gpu_timing", report.gpu_unavailable_reason.empty() ? "Vulkan timestamp queries"
                                                               : "unavailable: " + report.gpu_unavailable_reason},
          {"context_s", report.context_s},
          {"first_frame_s", report.first_frame_s},
          {"peak_resident_bytes", report.peak_resident_bytes},
          {"scenes", scenes}};
}

void write_bench_json(const BenchReport& report, const std::filesystem::path& path) {
  std::ofstream file(path, std::ios::trunc);
  file << bench_report_json(report).dump(2) << '\n';
  file.close();
  if (!file) {
    throw std::runtime_error(fmt::format("could not write the benchmark results to {}; check that the folder "
                                         "exists and is writable",
                                         path.string()));
  }
}

}  // namespace stillwater::app
