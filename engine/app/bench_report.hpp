#pragma once

#include "app/bench_statistics.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace stillwater::app {

// One scene's results; durations in milliseconds per frame.
struct SceneReport {
  std::string name;
  // Seconds to build the scene's renderer: shaders, pipelines, resources.
  double load_s = 0.0;
  DurationSummary cpu_ms;
  DurationSummary thread_cpu_ms;
  // Empty when the device cannot time GPU work.
  std::optional<DurationSummary> gpu_ms;
};

struct BenchReport {
  std::uint32_t eye_width = 0;
  std::uint32_t eye_height = 0;
  std::uint32_t views = 2;
  std::uint32_t samples = 4;
  std::uint32_t frames = 0;
  std::uint32_t warmup = 0;
  bool validation = false;
  std::string device;
  // Empty when GPU timing works; otherwise why it is unavailable.
  std::string gpu_unavailable_reason;
  // Seconds from program start until the Vulkan device was ready.
  double context_s = 0.0;
  // Seconds from program start until the first frame was submitted.
  double first_frame_s = 0.0;
  std::uint64_t peak_resident_bytes = 0;
  std::vector<SceneReport> scenes;
};

// Writes the report as a table for people to read.
void print_bench_table(const BenchReport& report, std::FILE* out);

// The report as JSON, with units in the field names (_ms, _s, _bytes).
nlohmann::json bench_report_json(const BenchReport& report);

// Writes the JSON report to `path`. Throws std::runtime_error naming the
// file when it cannot be written.
void write_bench_json(const BenchReport& report, const std::filesystem::path& path);

}  // namespace stillwater::app
