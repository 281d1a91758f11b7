#pragma once

#include "core/api_error.hpp"

#include <openxr/openxr.h>

#include <source_location>
#include <string>
#include <string_view>

namespace stillwater::xr {

// The symbolic name of an XrResult, such as "XR_ERROR_SESSION_LOST". Works
// without an instance, so failures before xrCreateInstance are named too.
std::string xr_result_name(XrResult result);

// Throws core::ApiError when `result` is a failure (negative). Success codes
// such as XR_SESSION_LOSS_PENDING or XR_FRAME_DISCARDED are returned for the
// caller to act on. `call` names the function and what it worked on.
XrResult xr_check(XrResult result, std::string_view call,
                  const std::source_location& location = std::source_location::current());

}  // namespace stillwater::xr
