#pragma once

#include "records/session_record.hpp"

#include <chrono>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace stillwater::records {

// The purpose a store is opened for.
enum class Access {
  // The program that runs sessions: creates the file and its folder when
  // missing, keeps "<file>.lock" locked so that no second program records
  // sessions into the same file, and marks sessions left running by a crash
  // as interrupted.
  sessions,
  // A reader such as `stillwater records export`: never creates the file and
  // never changes a running session, so it is safe while a session runs. It
  // does migrate an older schema, as every open does.
  reader,
};

// The reason a store could not be opened.
enum class OpenFailure {
  // The file does not exist (reader access only).
  missing,
  // The folder for the file could not be created.
  folder_unavailable,
  // SQLite could not open or read the file: permissions, a full disk, I/O.
  cannot_open,
  // The file is not an SQLite database or fails its integrity check.
  damaged,
  // A newer Stillwater wrote the file with a schema this one does not know.
  newer_schema,
  // Another program already records sessions into this file.
  in_use,
};

std::string_view to_string(OpenFailure failure);

// A store that could not be opened. Nothing was deleted or overwritten; the
// message is for the user and names the file, what went wrong and what to do.
struct Unavailable {
  OpenFailure failure = OpenFailure::cannot_open;
  std::filesystem::path path;
  // The copy of a damaged file, for OpenFailure::damaged.
  std::optional<std::filesystem::path> kept_copy;
  std::string message;
};

class Store;
using OpenResult = std::variant<Store, Unavailable>;

// The session records in one SQLite file, in write-ahead-log mode. Each
// method is one transaction that is on disk when it returns (synchronous =
// FULL), so a power cut loses at most the call in progress. Every method may
// throw core::ApiError for an SQLite failure; methods taking values from the
// nurse throw InvalidRecord first. A Store is used from one thread at a time.
class Store {
 public:
  // Opens or creates the file, checks it, migrates its schema and, with
  // Access::sessions, marks sessions left running as interrupted. Never
  // throws for a file that cannot be used: returns Unavailable instead, and
  // leaves logging it to the caller, which decides what happens next.
  static OpenResult open(const std::filesystem::path& path, Access access = Access::sessions);

  Store(Store&&) noexcept;
  Store& operator=(Store&&) noexcept;
  ~Store();

  // Adds a running session and returns its id. Its last_seen is its start.
  SessionId begin(const NewSession& session);

  // Records that the session was still running at `now`; with `played`, also
  // the time played so far, which an interrupted session keeps as its length.
  void heartbeat(SessionId id, Timestamp now, std::optional<std::chrono::seconds> played = std::nullopt);

  // Replaces the scores of one phase, before or after. Allowed at any time,
  // because after-scores are asked once the session has ended.
  void set_scores(SessionId id, Phase phase, const Scores& scores);

  // Ends a running session. With `comfort`, the settings at the end replace
  // those stored at the start. Throws InvalidRecord for `Outcome::running`,
  // settings out of bounds, or a session that is not running (ended already,
  // or not in this file).
  void finish(SessionId id, Outcome outcome, std::chrono::seconds actual, Timestamp ended_at,
              const std::optional<core::ComfortSettings>& comfort = std::nullopt);

  // The sessions that match `filter`, in the order it requests.
  [[nodiscard]] std::vector<SessionRecord> query(const Filter& filter) const;

  // One session, or nothing when no row has this id.
  [[nodiscard]] std::optional<SessionRecord> find(SessionId id) const;

  // How many sessions this open marked as interrupted.
  [[nodiscard]] std::size_t recovered_count() const;
  [[nodiscard]] const std::filesystem::path& path() const;

 private:
  struct State;
  explicit Store(std::unique_ptr<State> state);

  std::unique_ptr<State> state_;
};

}  // namespace stillwater::records
