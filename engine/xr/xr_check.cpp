#include "xr/xr_check.hpp"

#include <openxr/openxr_reflection.h>

namespace stillwater::xr {

std::string xr_result_name(XrResult result) {
  switch (result) {
#define STILLWATER_XR_RESULT_CASE(name, value) \
  case name:                                   \
    return #name;
    XR_LIST_ENUM_XrResult(STILLWATER_XR_RESULT_CASE)
#undef STILLWATER_XR_RESULT_CASE
    default:
      break;
  }
  return "XrResult(" + std::to_string(static_cast<long long>(result)) + ")";
}

XrResult xr_check(XrResult result, std::string_view call, const std::source_location& location) {
  if (XR_FAILED(result)) {
    throw core::ApiError(call, xr_result_name(result), static_cast<long long>(result), location);
  }
  return result;
}

}  // namespace stillwater::xr
