#pragma once

#include "records/session_record.hpp"

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

// Optional self-reported scores from 0 to 10, as the records keep them.
using WellbeingScores = records::Scores;

struct SessionStartRecord {
  // A bed or room code chosen by the nurse, never a name.
  std::string label;
  std::string scene;
  float length_min = 0.0F;
  WellbeingScores before;
};

enum class RecordsState {
  // Sessions are recorded.
  recording,
  // Sessions are recorded, but the last write failed. The message contains the reason.
  failing,
  // The records file cannot be used and the nurse has not agreed yet to run
  // sessions without records: starting a session is rejected until she does.
  unavailable,
  // Nothing is recorded: the nurse agreed, or records were turned off.
  without_records,
};

std::string_view to_string(RecordsState state);

struct RecordsStatus {
  RecordsState state = RecordsState::without_records;
  // For the nurse: why records are off or failing, naming the file; empty
  // while recording works.
  std::string message;
  // The records database, empty when none was opened.
  std::string file;
  // The path of the kept copy of a damaged database, empty when none was made.
  std::string kept_copy;
};

// Receiver of the nurse's record entries and source of the session history.
// Calls come from the server's threads: the writes must be queued elsewhere,
// and history() may wait for the disk but never for the frame loop.
class RecordsSink {
 public:
  virtual ~RecordsSink() = default;
  [[nodiscard]] virtual RecordsStatus status() const = 0;

  // Keeps the label and the before-scores for the next session that starts.
  // Returns the message for the nurse when no session may start, because the
  // records file cannot be used and she has not agreed to go on without it.
  [[nodiscard]] virtual std::optional<std::string> prepare_session(const SessionStartRecord& record) = 0;
  // Forgets what prepare_session() kept, after the start was rejected.
  virtual void discard_prepared() = 0;

  // Sets the after-scores of the session that ended last. `label`, when
  // given, must be that session's label. Returns the message for the nurse
  // when there is no such session or it is still running.
  [[nodiscard]] virtual std::optional<std::string> scores_after(const std::optional<std::string>& label,
                                                                const WellbeingScores& after) = 0;

  // Records that the nurse agreed to run sessions without records. Returns
  // false when records are not unavailable, so there is nothing to agree to.
  virtual bool continue_without_records() = 0;

  // The recorded sessions that match `filter`; empty without records.
  [[nodiscard]] virtual std::vector<records::SessionRecord> history(const records::Filter& filter) = 0;

  // True while sessions are recorded.
  [[nodiscard]] bool available() const {
    const RecordsState state = status().state;
    return state == RecordsState::recording || state == RecordsState::failing;
  }
};

// Keeps nothing, for tools and tests that run without a records store.
class NoRecords final : public RecordsSink {
 public:
  [[nodiscard]] RecordsStatus status() const override {
    return {RecordsState::without_records, "Session records are not kept by this program.", {}, {}};
  }
  [[nodiscard]] std::optional<std::string> prepare_session(const SessionStartRecord& /*record*/) override {
    return std::nullopt;
  }
  void discard_prepared() override {}
  [[nodiscard]] std::optional<std::string> scores_after(const std::optional<std::string>& /*label*/,
                                                        const WellbeingScores& /*after*/) override {
    return std::nullopt;
  }
  bool continue_without_records() override { return false; }
  [[nodiscard]] std::vector<records::SessionRecord> history(const records::Filter& /*filter*/) override { return {}; }
};

}  // namespace stillwater::companion
