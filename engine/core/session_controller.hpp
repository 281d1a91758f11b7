#pragma once

#include "core/comfort.hpp"
#include "core/ramp.hpp"
#include "core/session_command.hpp"
#include "core/session_frame.hpp"
#include "core/session_state.hpp"

#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace stillwater::core {

// Fade times and smoothing rates the controller applies. Rates are per
// second of the controller's clock.
struct SessionPacing {
  // Picture and sound levels while paused: dimmed, and a murmur.
  static constexpr float paused_picture = 0.3F;
  static constexpr float paused_audio = 0.2F;
  static constexpr float pause_fade_s = 2.0F;
  static constexpr float resume_fade_s = 3.0F;
  // Stop now reaches black and silence in this time, inside kStopNowMaxSeconds.
  static constexpr float stop_now_fade_s = 0.5F;
  // Each half of the dip to black around recentring and mono view switches.
  static constexpr float dip_s = 0.4F;
  // Each half of the fade to black around a scene change.
  static constexpr float scene_fade_s = 1.0F;
  static constexpr float brightness_rate = 0.4F;
  static constexpr float volume_rate = 0.4F;
  static constexpr float motion_scale_rate = 0.5F;
  static constexpr float recline_deg_rate = 6.0F;
  static constexpr float warm_colour_rate = 0.5F;
  static constexpr float breathing_strength_rate = 0.5F;
  static constexpr float breaths_per_minute_rate = 2.0F;
};

// The session's states, timer, fades and smoothed comfort values.
//
// The frame loop calls advance() once per frame on its own thread; it applies
// the queued commands and returns the frame's values without waiting on
// anything slow. Any thread may call post(), snapshot() and take_events(),
// which hold a mutex only to copy a few values.
//
// The timer counts down while the session plays (fading in, running and
// fading out) and stops while paused, so the played time of a session that
// completes equals its planned length. Fading out at the natural end begins
// when the time left equals the fade-out time. Ending early replaces the time
// left with the fade-out time, so only one countdown ever exists.
class SessionController {
 public:
  // Seconds on a monotonic clock; tests inject a fake one.
  using Clock = std::function<double()>;

  static double steady_seconds();

  explicit SessionController(ComfortSettings settings = {}, Clock clock = &SessionController::steady_seconds);

  // Queues a command for the next frame. Returns a message for the nurse when
  // the command is rejected: values out of bounds, or a request that does not
  // fit the latest published state (for example pausing when nothing plays).
  // The state check uses the snapshot, which trails queued commands by up to
  // one frame; advance() checks again and ignores what no longer fits.
  [[nodiscard]] std::optional<std::string> post(Command command);

  [[nodiscard]] SessionStatus snapshot() const;

  // Returns why the command's values are invalid (empty scene, length or
  // setting out of bounds), whatever the state; post() checks this first.
  [[nodiscard]] static std::optional<std::string> check_values(const Command& command);

  // Returns why the command does not fit a session in `status`.
  [[nodiscard]] static std::optional<std::string> check_state(const Command& command, const SessionStatus& status);
  // The status as the commands already queued will leave it, as far as
  // check_state needs. Call with mutex_ held.
  [[nodiscard]] SessionStatus status_after_queue() const;

  // Removes and returns the events since the last call, oldest first.
  [[nodiscard]] std::vector<SessionEvent> take_events();

  // Applies queued commands and advances fades, timer and smoothing to
  // `now_s` on the controller's clock. Call once per frame from one thread.
  SessionFrame advance(double now_s);

 private:
  struct QueuedCommand {
    Command command;
    double posted_s;
  };

  void apply(const QueuedCommand& queued, double now_s);
  void apply_start(const StartSession& start, double now_s);
  void apply_headset(bool worn, double now_s);
  void apply_settings(const ComfortPatch& patch);
  void stop(double from_s, SessionEventKind kind, double now_s);
  void pause(double now_s);
  void resume(double now_s);
  void begin_fade_out(double duration_s, SessionEventKind reason, double now_s);
  void finish(double now_s);
  void set_state(SessionState next);
  void begin_level_fade(float picture_to, float audio_to, double duration_s, double start_s);
  void emit(SessionEventKind kind, double now_s, std::string message = {});

  void update_timer(double dt_s, double now_s);
  void update_levels(double now_s);
  void update_comfort(double dt_s);
  void update_dips(double dt_s, SessionFrame& frame);
  void publish();

  Clock clock_;

  // Shared with other threads, guarded by mutex_.
  mutable std::mutex mutex_;
  std::vector<QueuedCommand> queue_;
  std::vector<SessionEvent> events_;
  SessionStatus status_;

  // Frame loop only.
  std::vector<QueuedCommand> applying_;
  SessionState state_ = SessionState::idle;
  ComfortSettings settings_;
  std::string scene_;
  double planned_s_ = 0.0;
  double played_s_ = 0.0;
  double time_left_s_ = 0.0;
  std::optional<double> last_now_s_;
  std::uint64_t frame_count_ = 0;
  bool headset_worn_ = true;
  bool paused_by_headset_ = false;
  bool paused_by_nurse_ = false;
  SessionEventKind end_reason_ = SessionEventKind::completed;
  std::string last_error_;

  // The picture and sound levels of the session itself, before dips: a
  // linear fade from one pair of levels to another.
  float picture_level_ = 0.0F;
  float audio_level_ = 0.0F;
  float fade_from_picture_ = 0.0F;
  float fade_from_audio_ = 0.0F;
  float fade_to_picture_ = 0.0F;
  float fade_to_audio_ = 0.0F;
  double fade_start_s_ = 0.0;
  double fade_duration_s_ = 0.0;

  Ramp brightness_;
  Ramp volume_;
  Ramp motion_scale_;
  Ramp recline_deg_;
  Ramp warm_colour_;
  Ramp breathing_strength_;
  Ramp breaths_per_minute_;
  double breathing_phase_ = 0.0;

  // Changes that wait for the bottom of a dip to black.
  Ramp picture_dip_{1.0F, 1.0F / SessionPacing::dip_s};
  Ramp audio_dip_{1.0F, 1.0F / SessionPacing::scene_fade_s};
  bool pending_recenter_ = false;
  std::optional<bool> pending_mono_;
  std::optional<std::string> pending_scene_;
  bool scene_dip_ = false;
  bool mono_shown_ = false;
};

}  // namespace stillwater::core
