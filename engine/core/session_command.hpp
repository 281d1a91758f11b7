#pragma once

#include "core/comfort.hpp"
#include "core/comfort_check.hpp"

#include <string>
#include <variant>

namespace stillwater::core {

// Limits on what a nurse may ask of a session, in minutes.
struct SessionBounds {
  static constexpr Range length_min{0.1F, 120.0F};
  static constexpr Range extend_min{1.0F, 60.0F};
};

// Starts a session from idle or ended: fades in from black and silence over the
// comfort settings' fade_in_s.
struct StartSession {
  std::string scene;
  float length_min = 10.0F;
};

struct PauseSession {};
struct ResumeSession {};

// Adds time to the running or paused session.
struct ExtendSession {
  float minutes = 5.0F;
};

// Fades out over the comfort settings' fade_out_s and ends the session early.
struct EndGently {};

// Black and silence within kStopNowMaxSeconds of the request, from any state.
struct StopNow {};

// Turns the world to face the patient again, behind a short dip to black.
struct Recenter {};

// Shows another scene during the session, behind a fade to black and back.
struct ChangeScene {
  std::string scene;
};

struct ChangeSettings {
  ComfortPatch patch;
};

// Reported by the display backend: whether the headset is on the patient's head.
struct HeadsetWorn {
  bool worn = true;
};

// A failure that ends the session, such as a lost headset or audio device.
struct ReportError {
  std::string message;
};

using Command = std::variant<StartSession, PauseSession, ResumeSession, ExtendSession, EndGently, StopNow, Recenter,
                             ChangeScene, ChangeSettings, HeadsetWorn, ReportError>;

}  // namespace stillwater::core
