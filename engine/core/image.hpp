#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace stillwater::core {

// An 8-bit RGBA picture in CPU memory, rows top to bottom, no padding. The
// bytes are sRGB-encoded, as a PNG stores them.
struct Rgba8Image {
  std::uint32_t width = 0;
  std::uint32_t height = 0;
  std::vector<std::uint8_t> pixels;  // width * height * 4 bytes

  [[nodiscard]] std::size_t offset(std::uint32_t x, std::uint32_t y) const {
    return (static_cast<std::size_t>(y) * width + x) * 4;
  }
};

}  // namespace stillwater::core
