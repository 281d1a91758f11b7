#pragma once

#include "companion/interfaces.hpp"
#include "render/context.hpp"

#include <atomic>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

namespace stillwater::app {

// The shipped places, and the built-in sea, as the companion lists them.
// Thumbnails are rendered on a thread of their own with its own Vulkan
// context, started when the page first asks for the list, so neither the
// frame loop nor a request waits for them and a session without the page
// pays nothing. A scene has no thumbnail until its render is done.
class ShippedSceneCatalogue final : public companion::SceneCatalogue {
 public:
  explicit ShippedSceneCatalogue(bool validation);
  ~ShippedSceneCatalogue() override;

  ShippedSceneCatalogue(const ShippedSceneCatalogue&) = delete;
  ShippedSceneCatalogue& operator=(const ShippedSceneCatalogue&) = delete;

  [[nodiscard]] std::vector<companion::SceneInfo> scenes() const override;
  [[nodiscard]] std::optional<std::vector<std::uint8_t>> thumbnail_png(std::string_view id) const override;

 private:
  void render_thumbnails() const;

  bool validation_ = false;
  std::vector<companion::SceneInfo> scenes_;
  mutable std::mutex mutex_;
  // Guarded by mutex_; written by the worker thread.
  mutable std::vector<std::vector<std::uint8_t>> thumbnails_;
  std::atomic<bool> stopping_{false};
  mutable std::once_flag worker_started_;
  mutable std::thread worker_;
};

// Frame rate and audio health, set by the frame loop about once a second
// and read by the companion's threads.
class LoopHealth final : public companion::StatusProvider {
 public:
  [[nodiscard]] companion::Health health() const override;
  void set(const companion::Health& health);

 private:
  mutable std::mutex mutex_;
  companion::Health health_;
};

// The name of the built-in open sea, which needs no scene file.
inline constexpr std::string_view kBuiltInSea = "sea";

}  // namespace stillwater::app
