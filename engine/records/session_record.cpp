#include "records/session_record.hpp"

#include <fmt/format.h>

#include <array>
#include <utility>

namespace stillwater::records {

namespace {

constexpr std::size_t kMaxLabelLength = 32;

// A day is far beyond any session; a larger value is a unit mistake.
constexpr std::chrono::seconds kMaxPlanned = std::chrono::hours(24);

constexpr std::array<std::pair<Outcome, std::string_view>, 7> kOutcomeNames{{
    {Outcome::running, "running"},
    {Outcome::completed, "completed"},
    {Outcome::ended_early, "ended_early"},
    {Outcome::stopped_now, "stopped_now"},
    {Outcome::headset_removed, "headset_removed"},
    {Outcome::error, "error"},
    {Outcome::interrupted, "interrupted"},
}};

bool is_label_character(char character) {
  return (character >= 'A' && character <= 'Z') || (character >= 'a' && character <= 'z') ||
         (character >= '0' && character <= '9') || character == ' ' || character == '-' || character == '_';
}

// Shows one character of a rejected label: printable ASCII as itself, any
// other byte (a control character or part of a UTF-8 letter) by its code.
std::string describe_character(char character) {
  const auto code = static_cast<unsigned char>(character);
  if (code >= 0x21 && code < 0x7F) {
    return fmt::format("\"{}\"", character);
  }
  return fmt::format("byte 0x{:02X}", code);
}

std::optional<std::string> score_problem(std::string_view name, const std::optional<int>& score, Phase phase) {
  if (!score || (*score >= kMinScore && *score <= kMaxScore)) {
    return std::nullopt;
  }
  return fmt::format("the {} score {} ({} the session) is out of range: use a whole number from {} to {}, or leave "
                     "it out",
                     name, *score, phase == Phase::before ? "before" : "after", kMinScore, kMaxScore);
}

}  // namespace

std::string_view to_string(Outcome outcome) {
  for (const auto& [value, name] : kOutcomeNames) {
    if (value == outcome) {
      return name;
    }
  }
  return "error";
}

std::optional<Outcome> parse_outcome(std::string_view text) {
  for (const auto& [value, name] : kOutcomeNames) {
    if (name == text) {
      return value;
    }
  }
  return std::nullopt;
}

std::optional<std::string> label_problem(std::string_view label) {
  // The label itself stays out of every message: it may be personal.
  if (label.empty()) {
    return "the label is empty: give a bed or room code such as \"Bed 4\"";
  }
  if (label.size() > kMaxLabelLength) {
    return fmt::format("the label is {} characters long: use at most {}, such as a bed or room code", label.size(),
                       kMaxLabelLength);
  }
  for (const char character : label) {
    if (!is_label_character(character)) {
      return fmt::format("the label contains {}, which is not allowed: use letters A-Z, digits, spaces, hyphens and "
                         "underscores, never a name",
                         describe_character(character));
    }
  }
  if (label.front() == ' ' || label.back() == ' ') {
    return "the label starts or ends with a space: remove it, so that one bed has one label";
  }
  return std::nullopt;
}

std::optional<std::string> scores_problem(const Scores& scores, Phase phase) {
  for (const auto& [name, score] : {std::pair{"anxiety", scores.anxiety}, std::pair{"pain", scores.pain},
                                    std::pair{"breathlessness", scores.breathlessness},
                                    std::pair{"wellbeing", scores.wellbeing}}) {
    if (auto problem = score_problem(name, score, phase)) {
      return problem;
    }
  }
  return std::nullopt;
}

void validate(const Scores& scores, Phase phase) {
  if (auto problem = scores_problem(scores, phase)) {
    throw InvalidRecord(*problem);
  }
}

void validate(const NewSession& session) {
  if (auto problem = label_problem(session.label)) {
    throw InvalidRecord(*problem);
  }
  if (session.scene.empty()) {
    throw InvalidRecord("the scene name is empty: give the name of the scene the session shows");
  }
  if (session.planned <= std::chrono::seconds::zero() || session.planned > kMaxPlanned) {
    throw InvalidRecord(fmt::format("the planned length {} s is out of range: use 1 s to {} s",
                                    session.planned.count(), kMaxPlanned.count()));
  }
  validate(session.before, Phase::before);
}

}  // namespace stillwater::records
