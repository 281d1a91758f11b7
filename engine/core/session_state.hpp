#pragma once

#include <string_view>

namespace stillwater::core {

// The states of one session. Idle is before the first session; ended follows
// every session, however it finished, and a new session may start from it.
enum class SessionState { idle, fading_in, running, paused, fading_out, ended };

// How a session finished, or something worth recording on the way.
enum class SessionEventKind {
  started,
  completed,
  ended_early,
  stopped_now,
  headset_removed,
  error,
};

std::string_view to_string(SessionState state);
std::string_view to_string(SessionEventKind kind);

// True while a session is under way: fading in, running, paused or fading out.
constexpr bool is_active(SessionState state) {
  return state != SessionState::idle && state != SessionState::ended;
}

}  // namespace stillwater::core
