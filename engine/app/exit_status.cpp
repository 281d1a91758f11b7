#include "app/exit_status.hpp"

#include <fmt/core.h>

#include <cstdio>

namespace stillwater::app {

namespace {

void print_error(std::string_view message) {
  fmt::print(stderr, "stillwater: error: {}\n", message);
  std::fflush(stderr);
}

}  // namespace

int report_usage_error(std::string_view message) {
  print_error(message);
  return kExitUsage;
}

int report_failure(std::string_view message) {
  print_error(message);
  return kExitFailure;
}

}  // namespace stillwater::app
