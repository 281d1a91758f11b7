#pragma once

#include "core/image.hpp"
#include "render/context.hpp"
#include "render/resources.hpp"
#include "render/vk_handle.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace stillwater::render {

// Scales `image` down, keeping its aspect ratio, so neither side exceeds
// `max_side`; each new pixel averages the source pixels it covers. Returns
// the image unchanged when it already fits.
core::Rgba8Image fit_within(const core::Rgba8Image& image, std::uint32_t max_side);

struct TextureOptions {
  // true for colours, stored as R8G8B8A8_SRGB. false for data such as
  // normal maps, stored as R8G8B8A8_UNORM so that sampling does not decode it.
  bool srgb = true;
  // A full mip chain, so a texture seen small or at a slant does not shimmer.
  bool mipmaps = false;
};

// Halves `image` down to 1x1, level 0 being `image` itself. Each pixel of a
// level averages 2x2 of the one above; sRGB colours are averaged as linear
// light so that edges do not darken.
std::vector<core::Rgba8Image> mip_chain(const core::Rgba8Image& image, bool srgb);

// Copies an RGBA picture into a sampled image, left in
// SHADER_READ_ONLY_OPTIMAL. A picture larger than the device allows is
// scaled down first, with a warning. Waits for the upload: for set-up only.
GpuImage upload_texture(const Context& context, const core::Rgba8Image& image, const std::string& name,
                        const TextureOptions& options = {});

// A bilinear sampler without mipmaps. Horizontal addressing repeats, so an
// equirectangular photo joins at its seam; vertical addressing clamps.
UniqueSampler create_panorama_sampler(const Context& context, const std::string& name);

// A trilinear sampler that repeats in both directions, the glTF default.
UniqueSampler create_material_sampler(const Context& context, const std::string& name);

}  // namespace stillwater::render
