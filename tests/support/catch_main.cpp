#define CATCH_CONFIG_RUNNER
#include <catch2/catch.hpp>

#include "core/logging.hpp"
#include "core/sanitizer_support.hpp"

#include <cstdlib>
#include <filesystem>
#include <string>
#include <system_error>
#include <unistd.h>

int main(int argc, char** argv) {
  // Rendering runs on lavapipe so results do not depend on the machine's GPU;
  // a caller may pick another driver by setting VK_DRIVER_FILES itself.
  // Validation is on for this process and every program it starts, so any
  // validation message fails the test that caused it.
  setenv("VK_DRIVER_FILES", STILLWATER_LAVAPIPE_ICD, 0);
  setenv("STILLWATER_VULKAN_VALIDATION", "1", 1);

  // The programs a test starts keep their session records in a data folder
  // of this process alone, never the user's, and tests running side by side
  // never find each other's records file in use.
  const auto data_home =
      std::filesystem::temp_directory_path() / ("stillwater-test-data-" + std::to_string(getpid()));
  std::filesystem::create_directories(data_home);
  setenv("XDG_DATA_HOME", data_home.c_str(), 1);

  stillwater::core::keep_vulkan_libraries_loaded();

  // Warnings and errors only: validation messages still reach the log.
  stillwater::core::init_logging(spdlog::level::warn);
  const int status = Catch::Session().run(argc, argv);
  std::error_code ignored;
  std::filesystem::remove_all(data_home, ignored);
  return status;
}
