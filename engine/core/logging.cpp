#include "core/logging.hpp"

#include <spdlog/sinks/stdout_color_sinks.h>

#include <array>
#include <memory>
#include <utility>

namespace stillwater::core {

void init_logging(spdlog::level::level_enum level) {
  auto logger = spdlog::stderr_color_mt("stillwater");
  logger->set_pattern("%Y-%m-%d %H:%M:%S.%e %^%-5l%$ %v");
  logger->set_level(level);
  spdlog::set_default_logger(std::move(logger));
}

std::optional<spdlog::level::level_enum> parse_log_level(std::string_view name) {
  static constexpr std::array<std::pair<std::string_view, spdlog::level::level_enum>, 7> levels{{
      {"trace", spdlog::level::trace},
      {"debug", spdlog::level::debug},
      {"info", spdlog::level::info},
      {"warn", spdlog::level::warn},
      {"error", spdlog::level::err},
      {"critical", spdlog::level::critical},
      {"off", spdlog::level::off},
  }};
  for (const auto& [text, level] : levels) {
    if (text == name) {
      return level;
    }
  }
  return std::nullopt;
}

}  // namespace stillwater::core
