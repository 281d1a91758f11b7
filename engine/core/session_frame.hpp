#pragma once

#include "core/comfort.hpp"
#include "core/session_state.hpp"

#include <cstdint>
#include <string>

namespace stillwater::core {

// What one frame shows and plays, as the controller yields it to the renderer
// and the audio engine. Every value is already smoothed: consecutive frames
// never differ by more than the controller's rate limits allow.
struct SessionFrame {
  SessionState state = SessionState::idle;
  // 0 is black, 1 the full picture; includes the dips for recentring, mono
  // view and scene changes.
  float picture_fade = 0.0F;
  // 0 is silence, 1 full sound; multiplies `volume`.
  float audio_fade = 0.0F;
  float brightness = 1.0F;
  float volume = 0.7F;
  // Scale on every animation's speed and amplitude (see motion_scale()).
  float motion_scale = 1.0F;
  // The patient's recline from upright, in degrees; 90 is lying flat.
  float recline_deg = 0.0F;
  // 0 is neutral colour, 1 the full warm (reduced blue) colour.
  float warm_colour = 0.0F;
  bool mono_view = false;
  // True on exactly one frame, at the bottom of a recentring dip: the display
  // should turn the world to face the current head direction.
  bool recenter = false;
  // 0 is no breathing guide, 1 the full guide light.
  float breathing_strength = 0.0F;
  // Position within one breath, 0 to 1: 0 empty, 0.5 full.
  float breathing_phase = 0.0F;
  std::string scene;
  // Session time still to play, in seconds; 0 outside a session.
  double time_left_s = 0.0;
};

// The latest status for other threads, copied out under a short lock.
struct SessionStatus {
  SessionState state = SessionState::idle;
  std::string scene;
  // Planned length including every extension, in seconds.
  double planned_s = 0.0;
  // Time the session has played so far, in seconds; pauses do not count.
  double played_s = 0.0;
  double time_left_s = 0.0;
  bool headset_worn = true;
  // True while paused because the headset was taken off.
  bool paused_by_headset = false;
  // The comfort settings as requested; the frame's values ease towards them.
  ComfortSettings settings;
  // The last error reported, empty when none.
  std::string last_error;
  // Counts every frame the controller advanced.
  std::uint64_t frame = 0;
};

// Something that happened to a session, for the session records. Events carry
// no personal data.
struct SessionEvent {
  SessionEventKind kind = SessionEventKind::started;
  std::string scene;
  double planned_s = 0.0;
  double played_s = 0.0;
  // Clock time of the event, in the controller's seconds.
  double at_s = 0.0;
  // For `error`: what failed.
  std::string message;
};

}  // namespace stillwater::core
