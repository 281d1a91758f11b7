#define CATCH_CONFIG_RUNNER
#include <catch2/catch.hpp>

#include "core/logging.hpp"
#include "core/sanitizer_support.hpp"

int main(int argc, char** argv) {
  stillwater::core::keep_vulkan_libraries_loaded();
  // Warnings and errors only: validation messages still reach the log.
  stillwater::core::init_logging(spdlog::level::warn);
  return Catch::Session().run(argc, argv);
}
