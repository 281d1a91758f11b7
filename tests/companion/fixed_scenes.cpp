#include "fixed_scenes.hpp"

#include <stb_image_write.h>

#include <array>

namespace stillwater::test {

namespace {

// A 160x90 thumbnail: a sky colour above a sea or land colour.
std::vector<std::uint8_t> two_band_png(std::array<std::uint8_t, 3> top, std::array<std::uint8_t, 3> bottom) {
  constexpr int kWidth = 160;
  constexpr int kHeight = 90;
  std::vector<std::uint8_t> pixels(static_cast<std::size_t>(kWidth * kHeight * 3));
  for (int y = 0; y < kHeight; ++y) {
    const auto& colour = y < kHeight * 3 / 5 ? top : bottom;
    for (int x = 0; x < kWidth; ++x) {
      const auto offset = static_cast<std::size_t>((y * kWidth + x) * 3);
      pixels[offset + 0] = colour[0];
      pixels[offset + 1] = colour[1];
      pixels[offset + 2] = colour[2];
    }
  }
  std::vector<std::uint8_t> png;
  const auto append = [](void* context, void* data, int size) {
    auto* bytes = static_cast<std::uint8_t*>(data);
    static_cast<std::vector<std::uint8_t>*>(context)->insert(static_cast<std::vector<std::uint8_t>*>(context)->end(),
                                                             bytes, bytes + size);
  };
  stbi_write_png_to_func(append, &png, kWidth, kHeight, 3, pixels.data(), kWidth * 3);
  return png;
}

}  // namespace

FixedScenes::FixedScenes(std::chrono::milliseconds thumbnails_after)
    : scenes_{{"sea", "Sea at golden hour"}, {"forest", "Forest stream"}, {"night", "Night sky"}},
      thumbnails_{two_band_png({240, 190, 120}, {40, 90, 130}), two_band_png({150, 190, 150}, {40, 80, 40}),
                  two_band_png({15, 20, 50}, {5, 10, 25})},
      thumbnails_ready_(std::chrono::steady_clock::now() + thumbnails_after) {}

std::vector<companion::SceneInfo> FixedScenes::scenes() const { return scenes_; }

std::optional<std::vector<std::uint8_t>> FixedScenes::thumbnail_png(std::string_view id) const {
  if (std::chrono::steady_clock::now() < thumbnails_ready_) {
    return std::nullopt;
  }
  for (std::size_t i = 0; i < scenes_.size(); ++i) {
    if (scenes_[i].id == id) {
      return thumbnails_[i];
    }
  }
  return std::nullopt;
}

companion::Health FixedHealth::health() const {
  const std::lock_guard lock(mutex_);
  return health_;
}

void FixedHealth::set(companion::Health health) {
  const std::lock_guard lock(mutex_);
  health_ = std::move(health);
}

}  // namespace stillwater::test
