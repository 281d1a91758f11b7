#pragma once

#include "companion/interfaces.hpp"
#include "core/comfort_check.hpp"
#include "core/session_frame.hpp"
#include "records/session_record.hpp"

#include <nlohmann/json.hpp>

#include <string>
#include <string_view>
#include <variant>

namespace stillwater::companion {

nlohmann::json settings_to_json(const core::ComfortSettings& settings);
nlohmann::json status_to_json(const core::SessionStatus& status, const Health& health);

// A message for the nurse naming the invalid field.
struct InputError {
  std::string message;
};

template <class T>
using Parsed = std::variant<T, InputError>;

// Parses a request body as a JSON object; an empty body counts as {}.
// `example` is a body the request accepts, shown in the error.
Parsed<nlohmann::json> parse_request_body(const std::string& body, std::string_view example);

// The scene a request names in its "scene" field, or the error: missing, or
// not a name.
Parsed<std::string> parse_scene_field(const nlohmann::json& body);

// Reads a PATCH body: any subset of the settings' fields, each of its own type.
Parsed<core::ComfortPatch> parse_settings_patch(const nlohmann::json& body);

// Reads optional scores from 0 to 10 from `body[field]`, if present.
Parsed<WellbeingScores> parse_scores(const nlohmann::json& body, const char* field);

// Reads an optional pseudonymous label under the records' rule for labels,
// such as "Bed 4" or "R12-B"; a missing, null or empty label reads as "".
Parsed<std::string> parse_label(const nlohmann::json& body);

// Turns a message fragment from the records module into a sentence for the
// page: a capital first letter and a full stop.
std::string as_sentence(std::string text);

}  // namespace stillwater::companion
