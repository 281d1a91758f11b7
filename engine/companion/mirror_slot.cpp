#include "companion/mirror_slot.hpp"

#include <chrono>
#include <utility>

namespace stillwater::companion {

namespace {

constexpr std::int64_t kWantedForNs = 2'000'000'000;

std::int64_t steady_ns() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

}  // namespace

bool MirrorSlot::wanted() const {
  return steady_ns() - last_request_ns_.load(std::memory_order_relaxed) < kWantedForNs;
}

bool MirrorSlot::try_publish(core::Rgba8Image image) {
  auto shared = std::make_shared<const core::Rgba8Image>(std::move(image));
  const std::unique_lock lock(mutex_, std::try_to_lock);
  if (!lock.owns_lock()) {
    return false;
  }
  latest_.image = std::move(shared);
  ++latest_.sequence;
  return true;
}

MirrorSlot::Picture MirrorSlot::take_latest() {
  last_request_ns_.store(steady_ns(), std::memory_order_relaxed);
  const std::lock_guard lock(mutex_);
  return latest_;
}

core::Rgba8Image downscale(const core::Rgba8Image& image, std::uint32_t max_width) {
  std::uint32_t factor = 1;
  while (max_width > 0 && image.width / factor > max_width) {
    ++factor;
  }
  if (factor == 1) {
    return image;
  }
  core::Rgba8Image small;
  small.width = image.width / factor;
  small.height = image.height / factor;
  small.pixels.resize(static_cast<std::size_t>(small.width) * small.height * 4);
  const std::uint32_t block = factor * factor;
  for (std::uint32_t y = 0; y < small.height; ++y) {
    for (std::uint32_t x = 0; x < small.width; ++x) {
      for (std::size_t channel = 0; channel < 4; ++channel) {
        std::uint32_t sum = 0;
        for (std::uint32_t dy = 0; dy < factor; ++dy) {
          for (std::uint32_t dx = 0; dx < factor; ++dx) {
            sum += image.pixels[image.offset(x * factor + dx, y * factor + dy) + channel];
          }
        }
        small.pixels[small.offset(x, y) + channel] = static_cast<std::uint8_t>(sum / block);
      }
    }
  }
  return small;
}

}  // namespace stillwater::companion
