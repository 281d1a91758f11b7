#include "audio/wav_writer.hpp"
#include "core/png_file.hpp"
#include "support/process.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <random>
#include <set>
#include <string>
#include <vector>

using stillwater::test::meaningful_lines;
using stillwater::test::run_process;
namespace fs = std::filesystem;

namespace {

constexpr int kRate = 48000;
// `stillwater audit` exits with this when a place breaks a rule.
constexpr int kExitAuditFailed = 3;

fs::path fresh_folder(const std::string& name) {
  const fs::path folder = fs::temp_directory_path() / ("stillwater-audit-" + name);
  fs::remove_all(folder);
  fs::create_directories(folder);
  return folder;
}

std::vector<float> noise(std::size_t samples, float amplitude, unsigned seed) {
  std::mt19937 random(seed);
  std::uniform_real_distribution<float> uniform(-amplitude, amplitude);
  std::vector<float> values(samples);
  for (float& value : values) {
    value = uniform(random);
  }
  return values;
}

// Copies a test place from tests/audit into `folder` with the files it
// names: a grey photo, a steady hiss and a bang (silence, then half a
// second of loud noise at 1.5 s, then silence, 4 s in all).
fs::path write_test_place(const fs::path& folder, const std::string& scene_file) {
  const fs::path source = fs::path(STILLWATER_SOURCE_DIR) / "tests" / "audit" / scene_file;
  fs::copy_file(source, folder / scene_file, fs::copy_options::overwrite_existing);

  stillwater::core::Rgba8Image photo{64, 32, std::vector<std::uint8_t>(64 * 32 * 4, 100)};
  stillwater::core::write_png(folder / "grey.png", photo);

  stillwater::audio::write_wav_16(folder / "hiss.wav", noise(4 * kRate * 2, 0.3F, 1), 2, kRate);

  std::vector<float> bang(4 * kRate, 0.0F);
  const std::vector<float> loud = noise(kRate / 2, 0.8F, 2);
  std::copy(loud.begin(), loud.end(), bang.begin() + kRate * 3 / 2);
  stillwater::audio::write_wav_16(folder / "bang.wav", bang, 1, kRate);
  return folder / scene_file;
}

struct AuditRun {
  stillwater::test::ProcessResult result;
  nlohmann::json report;
};

AuditRun run_audit(const fs::path& folder, std::vector<std::string> arguments) {
  const fs::path json = folder / "audit.json";
  std::vector<std::string> command{STILLWATER_EXECUTABLE, "--log-level", "warn", "audit", "--json", json.string()};
  command.insert(command.end(), arguments.begin(), arguments.end());
  AuditRun run{run_process(command), {}};
  if (fs::exists(json)) {
    std::ifstream file(json);
    run.report = nlohmann::json::parse(file);
  }
  return run;
}

std::set<std::string> failed_rules(const nlohmann::json& scene_report) {
  std::set<std::string> failed;
  for (const auto& rule : scene_report.at("rules")) {
    if (!rule.at("passed").get<bool>()) {
      failed.insert(rule.at("rule").get<std::string>());
    }
  }
  return failed;
}

void check_place_passes(const std::string& place) {
  const fs::path folder = fresh_folder("pass-" + place);
  const AuditRun run = run_audit(folder, {"--scene", place});
  INFO("stdout: " << run.result.standard_output << "\nstderr: " << run.result.standard_error);
  REQUIRE(run.result.exit_status == 0);
  CHECK(run.result.standard_output.find(place + " passes every rule.") != std::string::npos);

  REQUIRE(run.report.at("scenes").size() == 1);
  const nlohmann::json& scene = run.report.at("scenes").front();
  CHECK(failed_rules(scene).empty());
  CHECK(run.report.at("passed") == true);
  CHECK(scene.at("picture").at("image_motion").at("still").at("frame_pairs").get<int>() > 0);
  CHECK(scene.at("picture").at("image_motion").at("gentle").at("frame_pairs").get<int>() > 0);
  CHECK(scene.at("picture").at("image_motion").at("lively").at("frame_pairs").get<int>() > 0);
}

std::string single_error_line(const std::vector<std::string>& arguments) {
  std::vector<std::string> command{STILLWATER_EXECUTABLE, "audit"};
  command.insert(command.end(), arguments.begin(), arguments.end());
  const auto result = run_process(command);
  INFO("stderr: " << result.standard_error);
  REQUIRE(result.exit_status == 2);
  const auto lines = meaningful_lines(result.standard_error);
  REQUIRE(lines.size() == 1);
  return lines.front();
}

}  // namespace

// Every shipped place, each its own test so they run side by side.
TEST_CASE("audit passes the sea", "[audit][command]") { check_place_passes("sea"); }
TEST_CASE("audit passes the beach", "[audit][command]") { check_place_passes("beach"); }
TEST_CASE("audit passes the forest glade", "[audit][command]") { check_place_passes("forest-glade"); }
TEST_CASE("audit passes the lake at dawn", "[audit][command]") { check_place_passes("lake-dawn"); }
TEST_CASE("audit passes the English garden", "[audit][command]") { check_place_passes("english-garden"); }
TEST_CASE("audit passes the night sky", "[audit][command]") { check_place_passes("night-sky"); }

TEST_CASE("harsh place fails flashes and onsets", "[audit][command]") {
  const fs::path folder = fresh_folder("harsh");
  const fs::path scene = write_test_place(folder, "harsh.toml");
  const AuditRun run = run_audit(folder, {"--scene", scene.string(), "--test-flash-hz", "5"});
  INFO("stdout: " << run.result.standard_output << "\nstderr: " << run.result.standard_error);
  REQUIRE(run.result.exit_status == kExitAuditFailed);
  CHECK(run.result.standard_output.find("FAIL    flashes ") != std::string::npos);
  CHECK(run.result.standard_output.find("FAIL    onsets ") != std::string::npos);
  CHECK(run.result.standard_output.find("breaks 4 of 8 rules.") != std::string::npos);
  const auto errors = meaningful_lines(run.result.standard_error);
  REQUIRE(errors.size() == 1);
  CHECK(errors.front().find("The audit found places that break the comfort rules") != std::string::npos);

  const nlohmann::json& report = run.report.at("scenes").front();
  // The white flashes also change the light faster than any fade may, and
  // change the picture while the motion level is still.
  CHECK(failed_rules(report) == std::set<std::string>{"flashes", "lighting-change", "still-motion", "onsets"});
  CHECK(report.at("picture").at("max_flashes_per_second").get<int>() == 5);
  const nlohmann::json& onsets = report.at("sound").at("onsets");
  REQUIRE(!onsets.empty());
  CHECK(onsets.front().at("rise_lu").get<double>() > 20.0);
  CHECK(report.at("sound").at("largest_rise_lu").get<double>() > 20.0);
  CHECK(run.report.at("passed") == false);
}

TEST_CASE("flashing light alone fails flashes", "[audit][command]") {
  const fs::path folder = fresh_folder("flash");
  const fs::path scene = write_test_place(folder, "calm.toml");
  const AuditRun run = run_audit(folder, {"--scene", scene.string(), "--test-flash-hz", "4"});
  INFO("stdout: " << run.result.standard_output << "\nstderr: " << run.result.standard_error);
  REQUIRE(run.result.exit_status == kExitAuditFailed);
  const nlohmann::json& report = run.report.at("scenes").front();
  CHECK(failed_rules(report) == std::set<std::string>{"flashes", "lighting-change", "still-motion"});
  CHECK(report.at("picture").at("max_flashes_per_second").get<int>() == 4);
}

TEST_CASE("sudden loud sound alone fails onsets", "[audit][command]") {
  const fs::path folder = fresh_folder("bang");
  const fs::path scene = write_test_place(folder, "harsh.toml");
  const AuditRun run = run_audit(folder, {"--scene", scene.string()});
  INFO("stdout: " << run.result.standard_output << "\nstderr: " << run.result.standard_error);
  REQUIRE(run.result.exit_status == kExitAuditFailed);
  CHECK(failed_rules(run.report.at("scenes").front()) == std::set<std::string>{"onsets"});
}

TEST_CASE("calm test place passes", "[audit][command]") {
  const fs::path folder = fresh_folder("calm");
  const fs::path scene = write_test_place(folder, "calm.toml");
  const AuditRun run = run_audit(folder, {"--scene", scene.string()});
  INFO("stdout: " << run.result.standard_output << "\nstderr: " << run.result.standard_error);
  REQUIRE(run.result.exit_status == 0);
  CHECK(failed_rules(run.report.at("scenes").front()).empty());
}

TEST_CASE("audit rejects bad options", "[audit][command]") {
  CHECK(single_error_line({"--scene", "sea", "--fps", "2"}) ==
        "stillwater: error: --fps: invalid value 2: use 4 to 50 pictures per second");
  CHECK(single_error_line({"--scene", "sea", "--test-flash-hz", "30"}) ==
        "stillwater: error: --test-flash-hz: invalid value 30: use 0 to 25 Hz");
  CHECK(single_error_line({"--scene", "sea", "--size", "96"}).rfind("stillwater: error: --size: ", 0) == 0);
  CHECK(single_error_line({}) ==
        "stillwater: error: --scene is required; run 'stillwater --help' for the options");
}

TEST_CASE("audit names a missing place", "[audit][command]") {
  const auto result = run_process({STILLWATER_EXECUTABLE, "audit", "--scene", "no-such-place"});
  INFO("stderr: " << result.standard_error);
  CHECK(result.exit_status == 1);
  const auto lines = meaningful_lines(result.standard_error);
  REQUIRE(lines.size() == 1);
  CHECK(lines.front().find("no-such-place") != std::string::npos);
}
