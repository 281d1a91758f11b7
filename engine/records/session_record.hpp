#pragma once

#include "core/comfort.hpp"

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

namespace stillwater::records {

// Wall-clock time in UTC, to the millisecond, as stored.
using Timestamp = std::chrono::sys_time<std::chrono::milliseconds>;

// The row id of a session in the database.
using SessionId = std::int64_t;

// How a session ended. `running` is the state of a row whose session has not
// ended yet; `interrupted` is given at the next open to a row that was still
// running when the program stopped without ending it (a crash or power loss).
enum class Outcome { running, completed, ended_early, stopped_now, headset_removed, error, interrupted };

std::string_view to_string(Outcome outcome);
std::optional<Outcome> parse_outcome(std::string_view text);

// When the nurse asked the patient: before the session or after it.
enum class Phase { before, after };

// Self-reported scores from 0 (none) to 10 (worst for anxiety, pain and
// breathlessness; best for wellbeing). Each may be left out.
struct Scores {
  std::optional<int> anxiety;
  std::optional<int> pain;
  std::optional<int> breathlessness;
  std::optional<int> wellbeing;

  friend bool operator==(const Scores&, const Scores&) = default;
};

inline constexpr int kMinScore = 0;
inline constexpr int kMaxScore = 10;

// What is known when a session starts.
struct NewSession {
  // Pseudonymous bed or room code chosen by the nurse, never a name.
  std::string label;
  std::string scene;
  std::chrono::seconds planned{0};
  core::ComfortSettings comfort;
  Timestamp started_at;
  Scores before;
};

// One row of the session table.
struct SessionRecord {
  SessionId id = 0;
  std::string label;
  std::string scene;
  std::chrono::seconds planned{0};
  // Time the session actually played, without pauses; missing while running.
  std::optional<std::chrono::seconds> actual;
  Outcome outcome = Outcome::running;
  // Missing for sessions recorded before the comfort settings were stored.
  std::optional<core::ComfortSettings> comfort;
  Scores before;
  Scores after;
  Timestamp started_at;
  std::optional<Timestamp> ended_at;
  // The last time the program was known to be running the session.
  Timestamp last_seen;
};

// Which sessions a query returns. Times bound started_at: `from` inclusive,
// `to` exclusive.
struct Filter {
  std::optional<std::string> label;
  std::optional<Timestamp> from;
  std::optional<Timestamp> to;
  // Maximum number of rows returned; none means all.
  std::optional<std::size_t> limit;
  // Newest first suits a history view; oldest first suits an export.
  bool newest_first = true;
};

// A value the records reject before anything is written: a label that could
// be a name, a score out of range. The message says which field, the value
// where it is not personal, and what is allowed.
class InvalidRecord : public std::invalid_argument {
 public:
  using std::invalid_argument::invalid_argument;
};

// Returns a message for the user when `label` is not a valid label, or
// nothing when it is: 1 to 32 characters from A-Z, a-z, 0-9, space, hyphen
// and underscore, not starting or ending with a space.
std::optional<std::string> label_problem(std::string_view label);

// Returns a message for the user when a score is outside 0-10.
std::optional<std::string> scores_problem(const Scores& scores, Phase phase);

// Throws InvalidRecord with the message of label_problem or scores_problem.
void validate(const NewSession& session);
void validate(const Scores& scores, Phase phase);

}  // namespace stillwater::records
