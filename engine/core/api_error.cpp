#include "core/api_error.hpp"

#include <fmt/format.h>

namespace stillwater::core {

namespace {

std::string format_message(std::string_view call, std::string_view result_name,
                           const std::source_location& location) {
  return fmt::format("{} failed with {} ({}:{})", call, result_name,
                     project_relative(location.file_name()), location.line());
}

}  // namespace

ApiError::ApiError(std::string_view call, std::string_view result_name, long long result_code,
                   const std::source_location& location)
    : std::runtime_error(format_message(call, result_name, location)),
      call_(call),
      result_name_(result_name),
      result_code_(result_code) {}

std::string_view project_relative(std::string_view file) {
  for (const std::string_view root : {"/engine/", "/tests/"}) {
    if (const auto position = file.rfind(root); position != std::string_view::npos) {
      return file.substr(position + 1);
    }
  }
  return file;
}

}  // namespace stillwater::core
