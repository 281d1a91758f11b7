#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <variant>

namespace stillwater::app {

struct ImageSize {
  std::uint32_t width = 0;
  std::uint32_t height = 0;
};

// Largest side accepted before the device is asked: no headset or screen
// needs more, and it keeps width * height * 4 far from overflow.
inline constexpr std::uint32_t kMaxImageSide = 16384;

// Parses "WIDTHxHEIGHT" in pixels, such as "1280x720". Returns the size, or a
// message for the user that shows the value and what is allowed.
std::variant<ImageSize, std::string> parse_image_size(std::string_view text);

}  // namespace stillwater::app
