#include "companion/api_json.hpp"

#include "core/session_state.hpp"
#include "records/session_record.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <string_view>

namespace stillwater::companion {

using nlohmann::json;

json settings_to_json(const core::ComfortSettings& settings) {
  return {
      {"brightness", settings.brightness},
      {"volume", settings.volume},
      {"motion", core::to_string(settings.motion)},
      {"recline_deg", settings.recline_deg},
      {"warm_colour", settings.warm_colour},
      {"mono_view", settings.mono_view},
      {"breathing_guide", settings.breathing_guide},
      {"breaths_per_minute", settings.breaths_per_minute},
      {"fade_in_s", settings.fade_in_s},
      {"fade_out_s", settings.fade_out_s},
  };
}

json status_to_json(const core::SessionStatus& status, const Health& health) {
  return {
      {"state", core::to_string(status.state)},
      {"scene", status.scene},
      {"time_left_s", status.time_left_s},
      {"planned_s", status.planned_s},
      {"played_s", status.played_s},
      {"headset_worn", status.headset_worn},
      {"paused_by_headset", status.paused_by_headset},
      {"last_error", status.last_error},
      {"settings", settings_to_json(status.settings)},
      {"health",
       {
           {"frame_rate_hz", health.frame_rate_hz},
           {"target_frame_rate_hz", health.target_frame_rate_hz},
           {"frame_rate_ok", health.frame_rate_ok},
           {"audio_ok", health.audio_ok},
           {"audio_message", health.audio_message},
       }},
  };
}

namespace {

std::string number_expected(std::string_view field, const json& value) {
  return fmt::format("Setting '{}' must be a number, not {}.", field, value.dump());
}

std::string boolean_expected(std::string_view field, const json& value) {
  return fmt::format("Setting '{}' must be true or false, not {}.", field, value.dump());
}

}  // namespace

Parsed<json> parse_request_body(const std::string& body, std::string_view example) {
  if (body.empty()) {
    return json::object();
  }
  try {
    json parsed = json::parse(body);
    if (!parsed.is_object()) {
      return InputError{fmt::format("The request body must be a JSON object, such as {}.", example)};
    }
    return parsed;
  } catch (const json::parse_error& parse_error) {
    return InputError{fmt::format("The request body is not valid JSON (error at byte {}). Send a JSON object, such as "
                                  "{}.",
                                  parse_error.byte, example)};
  }
}

Parsed<std::string> parse_scene_field(const json& body) {
  if (!body.contains("scene")) {
    return InputError{"'scene' is missing: choose a scene, such as {\"scene\": \"sea\"}."};
  }
  if (!body["scene"].is_string()) {
    return InputError{fmt::format("'scene' must be text, a scene's name such as {{\"scene\": \"sea\"}}; the request "
                                  "gave a JSON {}.",
                                  body["scene"].type_name())};
  }
  return body["scene"].get<std::string>();
}

Parsed<core::ComfortPatch> parse_settings_patch(const json& body) {
  if (!body.is_object()) {
    return InputError{"The settings must be a JSON object, such as {\"volume\": 0.5}."};
  }
  core::ComfortPatch patch;
  for (const auto& [key, value] : body.items()) {
    std::optional<float>* number = nullptr;
    std::optional<bool>* flag = nullptr;
    if (key == "brightness") {
      number = &patch.brightness;
    } else if (key == "volume") {
      number = &patch.volume;
    } else if (key == "recline_deg") {
      number = &patch.recline_deg;
    } else if (key == "breaths_per_minute") {
      number = &patch.breaths_per_minute;
    } else if (key == "fade_in_s") {
      number = &patch.fade_in_s;
    } else if (key == "fade_out_s") {
      number = &patch.fade_out_s;
    } else if (key == "warm_colour") {
      flag = &patch.warm_colour;
    } else if (key == "mono_view") {
      flag = &patch.mono_view;
    } else if (key == "breathing_guide") {
      flag = &patch.breathing_guide;
    } else if (key == "motion") {
      const auto level = value.is_string() ? core::parse_motion_level(value.get<std::string>()) : std::nullopt;
      if (!level) {
        return InputError{
            fmt::format("Setting 'motion' must be \"still\", \"gentle\" or \"lively\", not {}.", value.dump())};
      }
      patch.motion = level;
      continue;
    } else {
      return InputError{fmt::format(
          "Unknown setting '{}'. Known settings: brightness, volume, motion, recline_deg, warm_colour, mono_view, "
          "breathing_guide, breaths_per_minute, fade_in_s, fade_out_s.",
          key)};
    }

    if (number != nullptr) {
      if (!value.is_number()) {
        return InputError{number_expected(key, value)};
      }
      *number = value.get<float>();
    } else {
      if (!value.is_boolean()) {
        return InputError{boolean_expected(key, value)};
      }
      *flag = value.get<bool>();
    }
  }
  return patch;
}

Parsed<WellbeingScores> parse_scores(const json& body, const char* field) {
  WellbeingScores scores;
  if (!body.contains(field) || body[field].is_null()) {
    return scores;
  }
  const json& object = body[field];
  if (!object.is_object()) {
    return InputError{fmt::format("'{}' must be an object of scores, such as {{\"anxiety\": 4}}.", field)};
  }
  const std::array<std::pair<const char*, std::optional<int>*>, 4> names{{
      {"anxiety", &scores.anxiety},
      {"pain", &scores.pain},
      {"breathlessness", &scores.breathlessness},
      {"wellbeing", &scores.wellbeing},
  }};
  for (const auto& [key, value] : object.items()) {
    const auto* slot = std::find_if(names.begin(), names.end(), [&](const auto& name) { return key == name.first; });
    if (slot == names.end()) {
      return InputError{fmt::format(
          "Unknown score '{}' in '{}'. Scores are anxiety, pain, breathlessness and wellbeing.", key, field)};
    }
    if (value.is_null()) {
      continue;
    }
    if (!value.is_number_integer() || value.get<int>() < 0 || value.get<int>() > 10) {
      // The value is left out: scores are personal and messages may be logged.
      return InputError{fmt::format("Score '{}' in '{}' must be a whole number from 0 to 10.", key, field)};
    }
    *slot->second = value.get<int>();
  }
  return scores;
}

Parsed<std::string> parse_label(const json& body) {
  if (!body.contains("label") || body["label"].is_null()) {
    return Parsed<std::string>{std::in_place_index<0>};
  }
  if (!body["label"].is_string()) {
    return InputError{"'label' must be text: a bed or room code, never a name."};
  }
  auto label = body["label"].get<std::string>();
  if (label.empty()) {
    return Parsed<std::string>{std::in_place_index<0>};
  }
  // The records' own rule, so that a label the page accepts is always stored.
  if (auto problem = records::label_problem(label)) {
    return InputError{as_sentence(*problem)};
  }
  return Parsed<std::string>{std::in_place_index<0>, std::move(label)};
}

std::string as_sentence(std::string text) {
  if (!text.empty() && text.front() >= 'a' && text.front() <= 'z') {
    text.front() = static_cast<char>(text.front() - 'a' + 'A');
  }
  if (!text.empty() && text.back() != '.') {
    text += '.';
  }
  return text;
}

}  // namespace stillwater::companion
