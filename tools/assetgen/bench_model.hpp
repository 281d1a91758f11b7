#pragma once

#include <cstdint>
#include <filesystem>

namespace stillwater::assetgen {

// Writes a wooden garden bench as a binary glTF 2.0 model: 1.6 m long,
// seat 0.45 m up, back rest to 0.86 m, standing on y = 0 and facing +z.
// Its base colour and normal textures (weathered wood grain) are PNGs inside
// the file. Depends only on `seed`.
void write_bench(const std::filesystem::path& path, std::uint64_t seed);

}  // namespace stillwater::assetgen
