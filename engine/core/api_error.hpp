#pragma once

#include <source_location>
#include <stdexcept>
#include <string>
#include <string_view>

namespace stillwater::core {

// A failed call into a C graphics, XR or audio API. The message names the
// call and what it was doing, the result by its symbolic name
// (VK_ERROR_OUT_OF_DEVICE_MEMORY, never -2) and the engine source location
// that made the call.
class ApiError : public std::runtime_error {
 public:
  ApiError(std::string_view call, std::string_view result_name, long long result_code,
           const std::source_location& location);

  [[nodiscard]] const std::string& call() const { return call_; }
  [[nodiscard]] const std::string& result_name() const { return result_name_; }
  [[nodiscard]] long long result_code() const { return result_code_; }

 private:
  std::string call_;
  std::string result_name_;
  long long result_code_;
};

// Shortens __FILE__-style paths to the part from "engine/" on, so messages
// read the same wherever the project was built.
std::string_view project_relative(std::string_view file);

}  // namespace stillwater::core
