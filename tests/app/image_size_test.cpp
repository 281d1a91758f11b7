#include "app/image_size.hpp"

#include <catch2/catch.hpp>

#include <string>

using stillwater::app::ImageSize;
using stillwater::app::parse_image_size;

TEST_CASE("parse_image_size accepts WIDTHxHEIGHT", "[app][size]") {
  const auto parsed = parse_image_size("1280x720");
  REQUIRE(std::holds_alternative<ImageSize>(parsed));
  CHECK(std::get<ImageSize>(parsed).width == 1280);
  CHECK(std::get<ImageSize>(parsed).height == 720);
  CHECK(std::holds_alternative<ImageSize>(parse_image_size("1x1")));
  CHECK(std::holds_alternative<ImageSize>(parse_image_size("16384x16384")));
}

TEST_CASE("parse_image_size rejects bad text", "[app][size]") {
  struct Case {
    const char* text;
    const char* expected;
  };
  const Case cases[] = {
      {"huge", "invalid size \"huge\": expected WIDTHxHEIGHT in pixels, such as 1280x720"},
      {"", "invalid size \"\": expected WIDTHxHEIGHT in pixels, such as 1280x720"},
      {"1280", "invalid size \"1280\": expected WIDTHxHEIGHT in pixels, such as 1280x720"},
      {"1280x", "invalid size \"1280x\": expected WIDTHxHEIGHT in pixels, such as 1280x720"},
      {"-5x10", "invalid size \"-5x10\": expected WIDTHxHEIGHT in pixels, such as 1280x720"},
      {"12.5x10", "invalid size \"12.5x10\": expected WIDTHxHEIGHT in pixels, such as 1280x720"},
      {"10x10x10", "invalid size \"10x10x10\": expected WIDTHxHEIGHT in pixels, such as 1280x720"},
      {"99999999999x1", "invalid size \"99999999999x1\": expected WIDTHxHEIGHT in pixels, such as 1280x720"},
      {"0x0", "invalid size \"0x0\": width and height must each be at least 1 pixel"},
      {"640x0", "invalid size \"640x0\": width and height must each be at least 1 pixel"},
      {"16385x10", "invalid size \"16385x10\": width and height must each be at most 16384 pixels"},
  };
  for (const auto& test : cases) {
    INFO("input: " << test.text);
    const auto parsed = parse_image_size(test.text);
    REQUIRE(std::holds_alternative<std::string>(parsed));
    CHECK(std::get<std::string>(parsed) == test.expected);
  }
}
