#include "core/session_state.hpp"

namespace stillwater::core {

std::string_view to_string(SessionState state) {
  switch (state) {
    case SessionState::idle:
      return "idle";
    case SessionState::fading_in:
      return "fading_in";
    case SessionState::running:
      return "running";
    case SessionState::paused:
      return "paused";
    case SessionState::fading_out:
      return "fading_out";
    case SessionState::ended:
      return "ended";
  }
  return "idle";
}

std::string_view to_string(SessionEventKind kind) {
  switch (kind) {
    case SessionEventKind::started:
      return "started";
    case SessionEventKind::completed:
      return "completed";
    case SessionEventKind::ended_early:
      return "ended_early";
    case SessionEventKind::stopped_now:
      return "stopped_now";
    case SessionEventKind::headset_removed:
      return "headset_removed";
    case SessionEventKind::error:
      return "error";
  }
  return "error";
}

}  // namespace stillwater::core
