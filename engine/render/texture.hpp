#pragma once

#include "core/image.hpp"
#include "render/context.hpp"
#include "render/resources.hpp"
#include "render/vk_handle.hpp"

#include <cstdint>
#include <string>

namespace stillwater::render {

// Scales `image` down, keeping its aspect ratio, so neither side exceeds
// `max_side`; each new pixel averages the source pixels it covers. Returns
// the image unchanged when it already fits.
core::Rgba8Image fit_within(const core::Rgba8Image& image, std::uint32_t max_side);

// Copies an sRGB RGBA picture into a sampled R8G8B8A8_SRGB image, left in
// SHADER_READ_ONLY_OPTIMAL. A picture larger than the device allows is
// scaled down first, with a warning. Waits for the upload: for set-up only.
GpuImage upload_texture(const Context& context, const core::Rgba8Image& image, const std::string& name);

// A bilinear sampler without mipmaps. Horizontal addressing repeats, so an
// equirectangular photo joins at its seam; vertical addressing clamps.
UniqueSampler create_panorama_sampler(const Context& context, const std::string& name);

}  // namespace stillwater::render
