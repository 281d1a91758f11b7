#pragma once

#include "core/image.hpp"

#include <cstdint>

namespace stillwater::assetgen {

// Paints a calm landscape as an equirectangular 360-degree image, `width`
// by width / 2 pixels: a sky from pale warm horizon to soft blue zenith
// with a low sun's glow and thin clouds, layered hills fading into haze,
// and a meadow below the horizon. The horizon is the middle row, and the
// left and right edges join without a seam. Depends only on `seed`.
core::Rgba8Image paint_panorama(std::uint32_t width, std::uint64_t seed);

}  // namespace stillwater::assetgen
