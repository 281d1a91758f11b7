#pragma once

#include "core/image.hpp"

#include <cstdint>
#include <vector>

namespace stillwater::audit {

// Relative luminance (0 black to 1 white) of an sRGB-encoded 8-bit pixel:
// the sRGB transfer function undone, then the Rec. 709 luminance weights, as
// WCAG defines it.
double relative_luminance(std::uint8_t red, std::uint8_t green, std::uint8_t blue);

// Mean relative luminance of every pixel of `image`.
double mean_relative_luminance(const core::Rgba8Image& image);

// Mean relative luminance of each tile of a `columns` by `rows` grid over
// `image`, row by row from the top left. Tiles at the right and bottom take
// the pixels left over when the size does not divide evenly. Throws
// std::invalid_argument when the grid is empty or finer than the image.
std::vector<double> tile_luminance(const core::Rgba8Image& image, std::uint32_t columns, std::uint32_t rows);

}  // namespace stillwater::audit
