#pragma once

#include "companion/interfaces.hpp"

#include <chrono>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace stillwater::test {

// Three scenes with small plain-colour PNG thumbnails, made once. Like the
// real catalogue, which draws thumbnails in the background, it can hold them
// back for a while after it is made.
class FixedScenes final : public companion::SceneCatalogue {
 public:
  explicit FixedScenes(std::chrono::milliseconds thumbnails_after = std::chrono::milliseconds(0));
  [[nodiscard]] std::vector<companion::SceneInfo> scenes() const override;
  [[nodiscard]] std::optional<std::vector<std::uint8_t>> thumbnail_png(std::string_view id) const override;

 private:
  std::vector<companion::SceneInfo> scenes_;
  std::vector<std::vector<std::uint8_t>> thumbnails_;
  std::chrono::steady_clock::time_point thumbnails_ready_;
};

// Health values a test sets; thread-safe.
class FixedHealth final : public companion::StatusProvider {
 public:
  [[nodiscard]] companion::Health health() const override;
  void set(companion::Health health);

 private:
  mutable std::mutex mutex_;
  companion::Health health_{72.0, 72.0, true, true, ""};
};

}  // namespace stillwater::test
