#include "app/image_size.hpp"

#include <fmt/format.h>

#include <charconv>

namespace stillwater::app {

namespace {

bool parse_side(std::string_view text, std::uint32_t& value) {
  if (text.empty() || text.size() > 9) {
    return false;
  }
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  return error == std::errc{} && end == text.data() + text.size();
}

}  // namespace

std::variant<ImageSize, std::string> parse_image_size(std::string_view text) {
  const auto separator = text.find('x');
  ImageSize size;
  if (separator == std::string_view::npos || !parse_side(text.substr(0, separator), size.width) ||
      !parse_side(text.substr(separator + 1), size.height)) {
    return fmt::format("invalid size \"{}\": expected WIDTHxHEIGHT in pixels, such as 1280x720", text);
  }
  if (size.width == 0 || size.height == 0) {
    return fmt::format("invalid size \"{}\": width and height must each be at least 1 pixel", text);
  }
  if (size.width > kMaxImageSide || size.height > kMaxImageSide) {
    return fmt::format("invalid size \"{}\": width and height must each be at most {} pixels", text, kMaxImageSide);
  }
  return size;
}

}  // namespace stillwater::app
