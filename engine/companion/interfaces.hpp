#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace stillwater::companion {

struct SceneInfo {
  // Stable name used in requests, such as "sea".
  std::string id;
  // Name shown to the nurse, such as "Sea at golden hour".
  std::string title;
};

// The scenes a session may show, with a thumbnail of each. The server calls it
// from its own threads, so implementations must be thread-safe and return
// quickly: render thumbnails ahead of time, not on request.
class SceneCatalogue {
 public:
  virtual ~SceneCatalogue() = default;
  [[nodiscard]] virtual std::vector<SceneInfo> scenes() const = 0;
  // PNG bytes of the scene's thumbnail, or nothing for an unknown scene or
  // one whose thumbnail is not ready yet.
  [[nodiscard]] virtual std::optional<std::vector<std::uint8_t>> thumbnail_png(std::string_view id) const = 0;

  // Whether `id` names one of scenes().
  [[nodiscard]] bool contains(std::string_view id) const {
    for (const SceneInfo& scene : scenes()) {
      if (scene.id == id) {
        return true;
      }
    }
    return false;
  }
};

// Health of the headset's frame rate and of the sound, for the status stream.
struct Health {
  // Frames per second the headset shows, measured over the last second.
  double frame_rate_hz = 0.0;
  // Frames per second the display requests.
  double target_frame_rate_hz = 0.0;
  bool frame_rate_ok = true;
  bool audio_ok = true;
  // The audio fault in words for the nurse, empty when audio is ok.
  std::string audio_message;
};

// Supplies Health from the frame loop and the audio engine. Called from the
// server's threads several times a second, so it must be thread-safe and cheap
// (read atomics or a copy made under a short lock).
class StatusProvider {
 public:
  virtual ~StatusProvider() = default;
  [[nodiscard]] virtual Health health() const = 0;
};

// Optional self-reported scores from 0 to 10.
struct WellbeingScores {
  std::optional<int> anxiety;
  std::optional<int> pain;
  std::optional<int> breathlessness;
  std::optional<int> wellbeing;
};

struct SessionStartRecord {
  // A bed or room code chosen by the nurse, never a name. May be empty.
  std::string label;
  std::string scene;
  float length_min = 0.0F;
  WellbeingScores before;
};

// Receiver of the nurse's record entries. Calls come from the server's
// threads and must not block for long, so queue the write elsewhere.
class RecordsSink {
 public:
  virtual ~RecordsSink() = default;
  // False when no records store is attached. The page then hides the record fields.
  [[nodiscard]] virtual bool available() const = 0;
  virtual void session_started(const SessionStartRecord& record) = 0;
  virtual void scores_after(const std::string& label, const WellbeingScores& after) = 0;
};

// Keeps nothing. Used until a records store is attached.
class NoRecords final : public RecordsSink {
 public:
  [[nodiscard]] bool available() const override { return false; }
  void session_started(const SessionStartRecord& /*record*/) override {}
  void scores_after(const std::string& /*label*/, const WellbeingScores& /*after*/) override {}
};

}  // namespace stillwater::companion
