#pragma once

#include "companion/interfaces.hpp"

#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace stillwater::test {

// Three scenes with small plain-colour PNG thumbnails, made once.
class FixedScenes final : public companion::SceneCatalogue {
 public:
  FixedScenes();
  [[nodiscard]] std::vector<companion::SceneInfo> scenes() const override;
  [[nodiscard]] std::optional<std::vector<std::uint8_t>> thumbnail_png(std::string_view id) const override;

 private:
  std::vector<companion::SceneInfo> scenes_;
  std::vector<std::vector<std::uint8_t>> thumbnails_;
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
