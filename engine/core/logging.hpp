#pragma once

#include <spdlog/spdlog.h>

#include <optional>
#include <string_view>

namespace stillwater::core {

// Sets up the default spdlog logger: standard error, one line per event, with
// the level and the time. Logs carry no personal data: labels and scores from a
// session never pass through here.
void init_logging(spdlog::level::level_enum level = spdlog::level::info);

// Parses a level name as spdlog spells it ("trace", "debug", "info", "warn",
// "error", "critical", "off"); returns nothing for any other text.
std::optional<spdlog::level::level_enum> parse_log_level(std::string_view name);

}  // namespace stillwater::core
