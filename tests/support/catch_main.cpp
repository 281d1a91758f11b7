#define CATCH_CONFIG_RUNNER
#include <catch2/catch.hpp>

#include "core/logging.hpp"
#include "core/sanitizer_support.hpp"

#include <cstdlib>

int main(int argc, char** argv) {
  // Rendering runs on lavapipe so results do not depend on the machine's GPU;
  // a caller may pick another driver by setting VK_DRIVER_FILES itself.
  // Validation is on for this process and every program it starts, so any
  // validation message fails the test that caused it.
  setenv("VK_DRIVER_FILES", STILLWATER_LAVAPIPE_ICD, 0);
  setenv("STILLWATER_VULKAN_VALIDATION", "1", 1);

  stillwater::core::keep_vulkan_libraries_loaded();

  // Warnings and errors only: validation messages still reach the log.
  stillwater::core::init_logging(spdlog::level::warn);
  return Catch::Session().run(argc, argv);
}
