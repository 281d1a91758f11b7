#include "audit/relative_luminance.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <stdexcept>

namespace stillwater::audit {

namespace {

// Linear light for each 8-bit sRGB code value (IEC 61966-2-1).
std::array<double, 256> make_linear_table() {
  std::array<double, 256> table{};
  for (std::size_t code = 0; code < table.size(); ++code) {
    const double encoded = static_cast<double>(code) / 255.0;
    table[code] = encoded <= 0.04045 ? encoded / 12.92 : std::pow((encoded + 0.055) / 1.055, 2.4);
  }
  return table;
}

const std::array<double, 256>& linear_table() {
  static const std::array<double, 256> table = make_linear_table();
  return table;
}

}  // namespace

double relative_luminance(std::uint8_t red, std::uint8_t green, std::uint8_t blue) {
  const auto& linear = linear_table();
  return 0.2126 * linear[red] + 0.7152 * linear[green] + 0.0722 * linear[blue];
}

double mean_relative_luminance(const core::Rgba8Image& image) {
  return tile_luminance(image, 1, 1).front();
}

std::vector<double> tile_luminance(const core::Rgba8Image& image, std::uint32_t columns, std::uint32_t rows) {
  if (columns == 0 || rows == 0 || columns > image.width || rows > image.height) {
    throw std::invalid_argument(fmt::format("cannot split a {}x{} image into {}x{} tiles", image.width,
                                            image.height, columns, rows));
  }

  const std::uint32_t tile_width = image.width / columns;
  const std::uint32_t tile_height = image.height / rows;
  std::vector<double> sums(static_cast<std::size_t>(columns) * rows, 0.0);
  std::vector<std::size_t> counts(sums.size(), 0);
  for (std::uint32_t y = 0; y < image.height; ++y) {
    const std::uint32_t row = std::min(y / tile_height, rows - 1);
    for (std::uint32_t x = 0; x < image.width; ++x) {
      const std::uint32_t column = std::min(x / tile_width, columns - 1);
      const std::size_t offset = image.offset(x, y);
      const std::size_t tile = static_cast<std::size_t>(row) * columns + column;
      sums[tile] += relative_luminance(image.pixels[offset], image.pixels[offset + 1], image.pixels[offset + 2]);
      ++counts[tile];
    }
  }

  for (std::size_t tile = 0; tile < sums.size(); ++tile) {
    sums[tile] /= static_cast<double>(counts[tile]);
  }
  return sums;
}

}  // namespace stillwater::audit
