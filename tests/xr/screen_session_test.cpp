#include "core/png_file.hpp"
#include "support/child_process.hpp"

#include <catch2/catch.hpp>

#include <csignal>
#include <filesystem>
#include <map>
#include <memory>
#include <regex>
#include <string>

using namespace std::chrono_literals;
using stillwater::test::ChildProcess;
using stillwater::test::ProcessResult;
using stillwater::test::run_with_environment;

namespace {

// A virtual X screen for the duration of one test. Xvfb picks a free
// display number and writes it to standard output (-displayfd 1).
class VirtualScreen {
 public:
  VirtualScreen() : server_({"/usr/bin/Xvfb", "-displayfd", "1", "-screen", "0", "1280x720x24", "-nolisten", "tcp"}, {}) {
    // Xvfb's warnings share the stream, so the number is the line that is
    // only digits.
    const std::regex number_line(R"((^|\n)(\d+)\n)");
    std::smatch match;
    const auto deadline = std::chrono::steady_clock::now() + 20s;
    while (!std::regex_search(server_.output(), match, number_line)) {
      REQUIRE(std::chrono::steady_clock::now() < deadline);
      REQUIRE(server_.read_more(200ms));
    }
    display_ = ":" + match[2].str();
  }
  ~VirtualScreen() {
    server_.send_signal(SIGTERM);
    server_.wait(10s);
  }

  [[nodiscard]] const std::string& display() const { return display_; }

 private:
  ChildProcess server_;
  std::string display_;
};

std::filesystem::path output_path(const std::string& name) {
  const auto folder = std::filesystem::temp_directory_path() / "stillwater-screen-tests";
  std::filesystem::create_directories(folder);
  return folder / name;
}

}  // namespace

TEST_CASE("screen mode runs a session", "[screen]") {
  VirtualScreen screen;
  const auto mirror = output_path("screen.png");
  std::filesystem::remove(mirror);
  const ProcessResult result = run_with_environment(
      {STILLWATER_EXECUTABLE, "run", "--port", "0", "--scene", "sea", "--screen", "--minutes", "0.25", "--validation", "--mirror-out", mirror.string()},
      {{"DISPLAY", screen.display()}}, 120s);
  INFO(result.standard_output);
  REQUIRE(result.exit_status == 0);
  CHECK(result.standard_output.find("frames shown on the screen") != std::string::npos);
  CHECK(result.standard_output.find("Vulkan validation") == std::string::npos);

  // The place, not a black window: the upper part is sky.
  const auto picture = stillwater::core::read_image(mirror);
  const auto top = picture.offset(picture.width / 2, 4);
  CHECK(picture.pixels[top + 2] > 60);
}

TEST_CASE("no headset falls back to screen", "[screen]") {
  VirtualScreen screen;
  const ProcessResult result = run_with_environment(
      {STILLWATER_EXECUTABLE, "run", "--port", "0", "--scene", "sea", "--minutes", "0.1"},
      {{"DISPLAY", screen.display()}, {"XR_RUNTIME_JSON", "/nonexistent/openxr_runtime.json"}}, 120s);
  INFO(result.standard_output);
  REQUIRE(result.exit_status == 0);
  CHECK(result.standard_output.find("showing the session on the screen instead") != std::string::npos);
  CHECK(result.standard_output.find("frames shown on the screen") != std::string::npos);
}

TEST_CASE("screen mode without a screen fails clearly", "[screen]") {
  const ProcessResult result =
      run_with_environment({STILLWATER_EXECUTABLE, "run", "--port", "0", "--screen", "--minutes", "0.1"}, {{"DISPLAY", ""}}, 60s);
  INFO(result.standard_output);
  CHECK(result.exit_status == 1);
  CHECK(result.standard_output.find("stillwater: error: no screen is available for screen mode") != std::string::npos);
}

TEST_CASE("screen and headset-only contradict", "[screen]") {
  const ProcessResult result =
      run_with_environment({STILLWATER_EXECUTABLE, "run", "--port", "0", "--screen", "--headset-only"}, {}, 30s);
  CHECK(result.exit_status == 2);
  CHECK(result.standard_output.find("stillwater: error: --screen and --headset-only contradict each other") !=
        std::string::npos);
}
