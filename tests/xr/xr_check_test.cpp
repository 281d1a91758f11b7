#include "xr/xr_check.hpp"

#include <catch2/catch.hpp>

#include <string>

using stillwater::core::ApiError;
using stillwater::xr::xr_check;
using stillwater::xr::xr_result_name;

TEST_CASE("xr_result_name gives symbolic names", "[xr][xr_check]") {
  CHECK(xr_result_name(XR_ERROR_SESSION_LOST) == "XR_ERROR_SESSION_LOST");
  CHECK(xr_result_name(XR_ERROR_RUNTIME_UNAVAILABLE) == "XR_ERROR_RUNTIME_UNAVAILABLE");
  CHECK(xr_result_name(XR_SESSION_LOSS_PENDING) == "XR_SESSION_LOSS_PENDING");
  CHECK(xr_result_name(static_cast<XrResult>(-987654)) == "XrResult(-987654)");
}

TEST_CASE("xr_check passes success codes through", "[xr][xr_check]") {
  CHECK(xr_check(XR_SUCCESS, "xrPollEvent") == XR_SUCCESS);
  CHECK(xr_check(XR_EVENT_UNAVAILABLE, "xrPollEvent") == XR_EVENT_UNAVAILABLE);
  CHECK(xr_check(XR_FRAME_DISCARDED, "xrBeginFrame") == XR_FRAME_DISCARDED);
}

TEST_CASE("xr_check names call and result", "[xr][xr_check]") {
  try {
    xr_check(XR_ERROR_SESSION_LOST, "xrEndFrame");
    FAIL("xr_check did not throw");
  } catch (const ApiError& error) {
    const std::string message = error.what();
    CHECK(message.find("xrEndFrame failed with XR_ERROR_SESSION_LOST") != std::string::npos);
    CHECK(message.find("-17") == std::string::npos);
    CHECK(message.find("tests/xr/xr_check_test.cpp:") != std::string::npos);
  }
}
