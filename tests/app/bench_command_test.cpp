#include "support/process.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

using stillwater::test::meaningful_lines;
using stillwater::test::run_process;
namespace fs = std::filesystem;

namespace {

fs::path fresh_folder(const std::string& name) {
  const fs::path folder = fs::temp_directory_path() / ("stillwater-bench-" + name);
  fs::remove_all(folder);
  fs::create_directories(folder);
  return folder;
}

std::string single_error_line(const std::vector<std::string>& arguments, int expected_status) {
  const auto result = run_process(arguments);
  INFO("stderr: " << result.standard_error);
  REQUIRE(result.signal == 0);
  REQUIRE(result.exit_status == expected_status);
  const auto lines = meaningful_lines(result.standard_error);
  REQUIRE(lines.size() == 1);
  CHECK(lines.front().rfind("stillwater: error: ", 0) == 0);
  return lines.front();
}

// Checks one summary of per-frame durations: every frame counted, and the
// median, 99th percentile and maximum in order.
void check_summary(const nlohmann::json& summary, int frames, bool strictly_positive) {
  INFO(summary.dump());
  REQUIRE(summary.is_object());
  CHECK(summary.at("frames") == frames);
  const double median = summary.at("median_ms");
  const double p99 = summary.at("p99_ms");
  const double max = summary.at("max_ms");
  if (strictly_positive) {
    CHECK(median > 0.0);
  } else {
    CHECK(median >= 0.0);
  }
  CHECK(p99 >= median);
  CHECK(max >= p99);
}

}  // namespace

TEST_CASE("bench writes sane JSON", "[app][bench]") {
  const fs::path folder = fresh_folder("json");
  const fs::path out = folder / "out.json";
  const auto result = run_process(
      {STILLWATER_EXECUTABLE, "bench", "--frames", "5", "--warmup", "1", "--size", "64x64", "--json", out.string()});
  INFO("stdout: " << result.standard_output << "\nstderr: " << result.standard_error);
  REQUIRE(result.exit_status == 0);
  CHECK(result.standard_output.find("Peak resident memory") != std::string::npos);
  CHECK(result.standard_output.find("Wrote " + out.string()) != std::string::npos);

  std::ifstream file(out);
  const nlohmann::json report = nlohmann::json::parse(file);
  INFO(report.dump(2));
  CHECK(report.at("eye_width") == 64);
  CHECK(report.at("eye_height") == 64);
  CHECK(report.at("views") == 2);
  CHECK(report.at("samples") == 4);
  CHECK(report.at("frames") == 5);
  CHECK(report.at("warmup_frames") == 1);
  // The test runner turns validation on for every program it starts.
  CHECK(report.at("validation") == true);
  CHECK_FALSE(report.at("device").get<std::string>().empty());

  const double context_s = report.at("context_s");
  const double first_frame_s = report.at("first_frame_s");
  CHECK(context_s > 0.0);
  CHECK(first_frame_s > context_s);
  CHECK(report.at("peak_resident_bytes").get<double>() > 1.0e6);

  // By default every shipped place is measured, the built-in sea first,
  // then the scenes folder's files by name.
  const auto& scenes = report.at("scenes");
  REQUIRE(scenes.size() == 7);
  CHECK(scenes.at(1).at("name") == "beach");
  CHECK(scenes.at(5).at("name") == "night-sky");
  CHECK(scenes.at(6).at("name") == "painted-hills");
  const auto& sea = scenes.at(0);
  CHECK(sea.at("name") == "sea");
  CHECK(sea.at("load_s").get<double>() > 0.0);
  check_summary(sea.at("cpu"), 5, true);
  check_summary(sea.at("thread_cpu"), 5, true);

  // Lavapipe, which the tests run on, supports timestamp queries.
  CHECK(report.at("gpu_timing") == "Vulkan timestamp queries");
  check_summary(sea.at("gpu"), 5, false);
}

TEST_CASE("bench measures each named scene", "[app][bench]") {
  const fs::path folder = fresh_folder("scenes");
  const fs::path out = folder / "out.json";
  const auto result = run_process({STILLWATER_EXECUTABLE, "bench", "--frames", "2", "--warmup", "0", "--size",
                                   "16x16", "--scene", "sea", "--scene", "sea", "--json", out.string()});
  INFO("stderr: " << result.standard_error);
  REQUIRE(result.exit_status == 0);

  std::ifstream file(out);
  const nlohmann::json report = nlohmann::json::parse(file);
  REQUIRE(report.at("scenes").size() == 2);
  for (const auto& scene : report.at("scenes")) {
    check_summary(scene.at("cpu"), 2, true);
    check_summary(scene.at("gpu"), 2, false);
  }
}

TEST_CASE("bench rejects --frames 0", "[app][bench]") {
  const auto line = single_error_line({STILLWATER_EXECUTABLE, "bench", "--frames", "0"}, 2);
  CHECK(line == "stillwater: error: --frames: invalid value 0: use 1 to 100000 frames");
}

TEST_CASE("bench rejects --size 0x0", "[app][bench]") {
  const auto line = single_error_line({STILLWATER_EXECUTABLE, "bench", "--size", "0x0"}, 2);
  CHECK(line ==
        "stillwater: error: --size: invalid size \"0x0\": width and height must each be at least 1 pixel");
}

TEST_CASE("bench rejects other bad options", "[app][bench]") {
  CHECK(single_error_line({STILLWATER_EXECUTABLE, "bench", "--warmup", "10001"}, 2) ==
        "stillwater: error: --warmup: invalid value 10001: use 0 to 10000 frames");
  CHECK(single_error_line({STILLWATER_EXECUTABLE, "bench", "--frames", "100001"}, 2) ==
        "stillwater: error: --frames: invalid value 100001: use 1 to 100000 frames");
  CHECK(single_error_line({STILLWATER_EXECUTABLE, "bench", "--scene", "forest"}, 2) ==
        "stillwater: error: --scene: unknown place \"forest\": the places available are: sea, beach, "
              "english-garden, forest-glade, lake-dawn, night-sky, painted-hills");
  CHECK(single_error_line({STILLWATER_EXECUTABLE, "bench", "--size", "wide"}, 2).find("WIDTHxHEIGHT") !=
        std::string::npos);
  CHECK(single_error_line({STILLWATER_EXECUTABLE, "bench", "--frames", "many"}, 2).find("--frames") !=
        std::string::npos);
}

TEST_CASE("bench rejects an unwritable --json", "[app][bench]") {
  const fs::path folder = fresh_folder("unwritable");
  const auto line = single_error_line(
      {STILLWATER_EXECUTABLE, "bench", "--frames", "1", "--json", (folder / "missing" / "out.json").string()}, 1);
  CHECK(line.find((folder / "missing").string()) != std::string::npos);
  CHECK(line.find("does not exist") != std::string::npos);
}
