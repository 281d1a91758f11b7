#include "render/vk_check.hpp"

#include <catch2/catch.hpp>

#include <string>

using stillwater::core::ApiError;
using stillwater::render::vk_check;
using stillwater::render::vk_result_name;

TEST_CASE("vk_result_name gives symbolic names", "[render][vk_check]") {
  CHECK(vk_result_name(VK_SUCCESS) == "VK_SUCCESS");
  CHECK(vk_result_name(VK_ERROR_OUT_OF_DEVICE_MEMORY) == "VK_ERROR_OUT_OF_DEVICE_MEMORY");
  CHECK(vk_result_name(VK_ERROR_DEVICE_LOST) == "VK_ERROR_DEVICE_LOST");
  CHECK(vk_result_name(VK_SUBOPTIMAL_KHR) == "VK_SUBOPTIMAL_KHR");
  CHECK(vk_result_name(VK_ERROR_OUT_OF_POOL_MEMORY) == "VK_ERROR_OUT_OF_POOL_MEMORY");
}

TEST_CASE("vk_result_name keeps unknown codes visible", "[render][vk_check]") {
  CHECK(vk_result_name(static_cast<VkResult>(-424242)) == "VkResult(-424242)");
}

TEST_CASE("vk_check passes VK_SUCCESS", "[render][vk_check]") {
  CHECK_NOTHROW(vk_check(VK_SUCCESS, "vkCreateImage"));
}

TEST_CASE("vk_check names call, result and location", "[render][vk_check]") {
  const int line = __LINE__ + 2;
  try {
    vk_check(VK_ERROR_OUT_OF_DEVICE_MEMORY, "vkAllocateMemory (readback buffer, 3.5 MiB)");
    FAIL("vk_check did not throw");
  } catch (const ApiError& error) {
    const std::string message = error.what();
    CHECK(message.find("vkAllocateMemory (readback buffer, 3.5 MiB)") != std::string::npos);
    CHECK(message.find("VK_ERROR_OUT_OF_DEVICE_MEMORY") != std::string::npos);
    CHECK(message.find("-2") == std::string::npos);
    CHECK(message.find("tests/render/vk_check_test.cpp:" + std::to_string(line)) != std::string::npos);
    CHECK(error.result_code() == VK_ERROR_OUT_OF_DEVICE_MEMORY);
    CHECK(error.result_name() == "VK_ERROR_OUT_OF_DEVICE_MEMORY");
  }
}

TEST_CASE("vk_check rejects positive non-success codes", "[render][vk_check]") {
  CHECK_THROWS_AS(vk_check(VK_TIMEOUT, "vkWaitForFences"), ApiError);
  CHECK_THROWS_AS(vk_check(VK_INCOMPLETE, "vkEnumeratePhysicalDevices"), ApiError);
}
