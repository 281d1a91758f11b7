#include "records/store.hpp"

#include "core/comfort_check.hpp"
#include "records/damaged_copy.hpp"
#include "records/file_lock.hpp"
#include "records/schema.hpp"
#include "records/sqlite_check.hpp"
#include "records/sqlite_handle.hpp"
#include "records/utc_time.hpp"

#include <fmt/format.h>
#include <fmt/std.h>
#include <spdlog/spdlog.h>

#include <system_error>
#include <utility>

namespace stillwater::records {

struct Store::State {
  std::filesystem::path path;
  // Declared before the connection, so it is released after the connection
  // has closed.
  std::optional<FileLock> lock;
  Connection connection;
  std::size_t recovered = 0;
};

namespace {

// How long a call waits for another connection's write lock, such as an
// export reading while a session starts, before it fails with SQLITE_BUSY.
constexpr int kBusyTimeoutMs = 5000;

constexpr const char* kSelectColumns = R"sql(
SELECT id, label, scene, planned_s, actual_s, outcome,
       anxiety_before, pain_before, breathlessness_before, wellbeing_before,
       anxiety_after, pain_after, breathlessness_after, wellbeing_after,
       started_at_ms, ended_at_ms, last_seen_ms,
       brightness, volume, motion, recline_deg, warm_colour, mono_view, breathing_guide,
       breaths_per_minute, fade_in_s, fade_out_s
FROM sessions
)sql";

// The SQLite result and text behind a file that cannot be used.
struct Problem {
  int result = SQLITE_OK;
  std::string detail;
};

std::int64_t to_milliseconds(Timestamp time) {
  return time.time_since_epoch().count();
}

Timestamp from_milliseconds(std::int64_t milliseconds) {
  return Timestamp(std::chrono::milliseconds(milliseconds));
}

std::optional<int> optional_score(const Statement& row, int column) {
  if (row.is_null(column)) {
    return std::nullopt;
  }
  return static_cast<int>(row.column_int(column));
}

Scores read_scores(const Statement& row, int first_column) {
  return Scores{optional_score(row, first_column), optional_score(row, first_column + 1),
                optional_score(row, first_column + 2), optional_score(row, first_column + 3)};
}

std::optional<core::ComfortSettings> read_comfort(const Statement& row) {
  // The comfort columns are written together, so brightness stands for all.
  if (row.is_null(17)) {
    return std::nullopt;
  }
  core::ComfortSettings comfort;
  comfort.brightness = static_cast<float>(row.column_double(17));
  comfort.volume = static_cast<float>(row.column_double(18));
  comfort.motion = core::parse_motion_level(row.column_text(19)).value_or(core::MotionLevel::gentle);
  comfort.recline_deg = static_cast<float>(row.column_double(20));
  comfort.warm_colour = row.column_int(21) != 0;
  comfort.mono_view = row.column_int(22) != 0;
  comfort.breathing_guide = row.column_int(23) != 0;
  comfort.breaths_per_minute = static_cast<float>(row.column_double(24));
  comfort.fade_in_s = static_cast<float>(row.column_double(25));
  comfort.fade_out_s = static_cast<float>(row.column_double(26));
  return comfort;
}

SessionRecord read_record(const Statement& row) {
  SessionRecord record;
  record.id = row.column_int(0);
  record.label = row.column_text(1);
  record.scene = row.column_text(2);
  record.planned = std::chrono::seconds(row.column_int(3));
  if (const auto actual = row.column_optional_int(4)) {
    record.actual = std::chrono::seconds(*actual);
  }
  // The schema's CHECK allows only known names.
  record.outcome = parse_outcome(row.column_text(5)).value_or(Outcome::error);
  record.before = read_scores(row, 6);
  record.after = read_scores(row, 10);
  record.started_at = from_milliseconds(row.column_int(14));
  if (const auto ended = row.column_optional_int(15)) {
    record.ended_at = from_milliseconds(*ended);
  }
  record.last_seen = from_milliseconds(row.column_int(16));
  record.comfort = read_comfort(row);
  return record;
}

// Binds the ten comfort columns, in table order, from `first_parameter` on.
void bind_comfort(Statement& statement, int first_parameter, const core::ComfortSettings& comfort) {
  int parameter = first_parameter;
  statement.bind_double(parameter++, comfort.brightness);
  statement.bind_double(parameter++, comfort.volume);
  statement.bind_text(parameter++, core::to_string(comfort.motion));
  statement.bind_double(parameter++, comfort.recline_deg);
  statement.bind_int(parameter++, comfort.warm_colour ? 1 : 0);
  statement.bind_int(parameter++, comfort.mono_view ? 1 : 0);
  statement.bind_int(parameter++, comfort.breathing_guide ? 1 : 0);
  statement.bind_double(parameter++, comfort.breaths_per_minute);
  statement.bind_double(parameter++, comfort.fade_in_s);
  statement.bind_double(parameter, comfort.fade_out_s);
}

void bind_scores(Statement& statement, int first_parameter, const Scores& scores) {
  int parameter = first_parameter;
  for (const auto& score : {scores.anxiety, scores.pain, scores.breathlessness, scores.wellbeing}) {
    statement.bind_optional_int(parameter++, score ? std::optional<std::int64_t>(*score) : std::nullopt);
  }
}

// Reads the whole file through SQLite's quick integrity check. Returns the
// problem when the file is not a usable database.
std::optional<Problem> find_damage(sqlite3* connection) {
  try {
    Statement check(connection, "PRAGMA quick_check", "check integrity");
    std::string first_line;
    while (check.step()) {
      if (first_line.empty()) {
        first_line = check.column_text(0);
      }
    }
    if (first_line != "ok") {
      return Problem{SQLITE_CORRUPT, "integrity check: " + first_line};
    }
  } catch (const core::ApiError& error) {
    if (is_damage(static_cast<int>(error.result_code()))) {
      return Problem{static_cast<int>(error.result_code()), sqlite3_errmsg(connection)};
    }
    throw;
  }
  return std::nullopt;
}

// Checks an existing file without any chance of changing it. Returns the
// problem when it is damaged; other failures (a missing file, permissions)
// are left to the writable open, which reports them.
std::optional<Problem> find_damage_read_only(const std::filesystem::path& path) {
  std::error_code error;
  if (std::filesystem::file_size(path, error) == 0 || error) {
    return std::nullopt;
  }

  int result = SQLITE_OK;
  const Connection connection = open_connection(path, SQLITE_OPEN_READONLY | SQLITE_OPEN_EXRESCODE, result);
  if (result != SQLITE_OK) {
    if (is_damage(result)) {
      return Problem{result, sqlite3_errmsg(connection.get())};
    }
    return std::nullopt;
  }
  sqlite3_busy_timeout(connection.get(), kBusyTimeoutMs);
  try {
    return find_damage(connection.get());
  } catch (const core::ApiError&) {
    return std::nullopt;
  }
}

void use_write_ahead_log(sqlite3* connection) {
  Statement journal(connection, "PRAGMA journal_mode = WAL", "select write-ahead logging");
  journal.step();
  if (const auto mode = journal.column_text(0); mode != "wal") {
    spdlog::warn("Records: SQLite kept journal mode '{}' instead of 'wal'", mode);
  }

  // FULL syncs the log on every commit, so a finished session survives a
  // power cut, not only a crash.
  execute(connection, "PRAGMA synchronous = FULL", "set synchronous mode");
}

std::size_t mark_interrupted(sqlite3* connection) {
  // A session's length is the time played at its last heartbeat. Without one,
  // it is the time from the start, never negative even if the clock was set back.
  Statement update(connection, R"sql(
UPDATE sessions
SET outcome = 'interrupted',
    ended_at_ms = last_seen_ms,
    actual_s = COALESCE(actual_s, MAX(0, (last_seen_ms - started_at_ms) / 1000))
WHERE outcome = 'running'
)sql",
                   "mark interrupted sessions");
  update.run();
  return static_cast<std::size_t>(update.changes());
}

Unavailable damaged(const std::filesystem::path& path, const Problem& problem) {
  Unavailable unavailable{OpenFailure::damaged, path, std::nullopt, {}};
  const auto reason = fmt::format("{}: {}", sqlite_result_name(problem.result), problem.detail);
  try {
    unavailable.kept_copy = keep_damaged_copy(path, now_utc());
    unavailable.message = fmt::format(
        "the records database {} is damaged ({}). It was left as it is and a copy was kept at {}. Sessions can run "
        "without records, or restore the file from a backup",
        path, reason, *unavailable.kept_copy);
  } catch (const std::filesystem::filesystem_error& error) {
    unavailable.message = fmt::format(
        "the records database {} is damaged ({}). It was left as it is, but keeping a copy failed ({}). Sessions "
        "can run without records, or restore the file from a backup",
        path, reason, error.code().message());
  }
  return unavailable;
}

Unavailable cannot_open(const std::filesystem::path& path, std::string_view reason) {
  Unavailable unavailable{OpenFailure::cannot_open, path, std::nullopt,
                          fmt::format("cannot open the records database {}: {}. Check that the folder exists and "
                                      "that this user may write there",
                                      path, reason)};
  return unavailable;
}

}  // namespace

std::string_view to_string(OpenFailure failure) {
  switch (failure) {
    case OpenFailure::missing:
      return "missing";
    case OpenFailure::folder_unavailable:
      return "folder_unavailable";
    case OpenFailure::cannot_open:
      return "cannot_open";
    case OpenFailure::damaged:
      return "damaged";
    case OpenFailure::newer_schema:
      return "newer_schema";
    case OpenFailure::in_use:
      return "in_use";
  }
  return "cannot_open";
}

Store::Store(std::unique_ptr<State> state) : state_(std::move(state)) {}
Store::Store(Store&&) noexcept = default;
Store& Store::operator=(Store&&) noexcept = default;
Store::~Store() = default;

OpenResult Store::open(const std::filesystem::path& path, Access access) {
  auto state = std::make_unique<State>();
  state->path = path;
  std::error_code error;

  if (access == Access::reader && !std::filesystem::exists(path, error)) {
    return Unavailable{OpenFailure::missing, path, std::nullopt,
                       fmt::format("there is no records database at {}: no session has been recorded there yet; "
                                   "check the path given with --database",
                                   path)};
  }
  if (std::filesystem::is_directory(path, error)) {
    return Unavailable{OpenFailure::cannot_open, path, std::nullopt,
                       fmt::format("the records database {} is a folder: give a file name inside it, such as {}",
                                   path, path / "records.sqlite3")};
  }

  if (access == Access::sessions) {
    if (const auto folder = path.parent_path(); !folder.empty()) {
      std::filesystem::create_directories(folder, error);
      if (error) {
        Unavailable unavailable{OpenFailure::folder_unavailable, path, std::nullopt,
                                fmt::format("cannot create the folder {} for the records database: {}", folder,
                                            error.message())};
              return unavailable;
      }
    }

    auto lock_path = path;
    lock_path += ".lock";
    try {
      state->lock = FileLock::try_acquire(lock_path);
    } catch (const std::system_error& lock_error) {
      return cannot_open(path, lock_error.what());
    }
    if (!state->lock) {
      return Unavailable{OpenFailure::in_use, path, std::nullopt,
                         fmt::format("the records database {} is in use by another Stillwater program that is "
                                     "recording sessions; close that program first",
                                     path)};
    }
  }

  // A damaged file is found through a read-only connection first: SQLite
  // deletes a write-ahead log it cannot use when a writable connection
  // closes, and that log may hold the only copy of recent sessions.
  if (const auto problem = find_damage_read_only(path)) {
    return damaged(path, *problem);
  }

  int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_EXRESCODE;
  if (access == Access::sessions) {
    flags |= SQLITE_OPEN_CREATE;
  }
  int result = SQLITE_OK;
  state->connection = open_connection(path, flags, result);
  sqlite3* connection = state->connection.get();
  if (result != SQLITE_OK) {
    const Problem problem{result, sqlite3_errmsg(connection)};
    state->connection.reset();
    if (is_damage(result)) {
      return damaged(path, problem);
    }
    return cannot_open(path, fmt::format("{}: {}", sqlite_result_name(result), problem.detail));
  }
  sqlite3_busy_timeout(connection, kBusyTimeoutMs);

  try {
    if (const auto problem = find_damage(connection)) {
      state->connection.reset();
      return damaged(path, *problem);
    }

    if (const int version = read_schema_version(connection); version > kSchemaVersion) {
      Unavailable unavailable{OpenFailure::newer_schema, path, std::nullopt,
                              fmt::format("the records database {} was written by a newer Stillwater (schema "
                                          "version {}; this program knows up to {}). It was left as it is; use "
                                          "the newer program",
                                          path, version, kSchemaVersion)};
          return unavailable;
    }

    use_write_ahead_log(connection);
    migrate(connection);
    if (access == Access::sessions) {
      state->recovered = mark_interrupted(connection);
    }
  } catch (const core::ApiError& api_error) {
    state->connection.reset();
    if (is_damage(static_cast<int>(api_error.result_code()))) {
      return damaged(path, Problem{static_cast<int>(api_error.result_code()), api_error.what()});
    }
    return cannot_open(path, api_error.what());
  }

  if (state->recovered > 0) {
    spdlog::warn("Records: {} session(s) left running by an earlier stop were marked interrupted",
                 state->recovered);
  }
  spdlog::debug("Records: opened {} ({})", path, access == Access::sessions ? "sessions" : "reader");
  return Store(std::move(state));
}

SessionId Store::begin(const NewSession& session) {
  validate(session);
  sqlite3* connection = state_->connection.get();

  Statement insert(connection, R"sql(
INSERT INTO sessions (
  label, scene, planned_s, outcome,
  anxiety_before, pain_before, breathlessness_before, wellbeing_before,
  started_at_ms, last_seen_ms,
  brightness, volume, motion, recline_deg, warm_colour, mono_view, breathing_guide,
  breaths_per_minute, fade_in_s, fade_out_s)
VALUES (?1, ?2, ?3, 'running', ?4, ?5, ?6, ?7, ?8, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18)
)sql",
                   "insert session");
  insert.bind_text(1, session.label);
  insert.bind_text(2, session.scene);
  insert.bind_int(3, session.planned.count());
  bind_scores(insert, 4, session.before);
  insert.bind_int(8, to_milliseconds(session.started_at));

  bind_comfort(insert, 9, session.comfort);
  insert.run();

  const SessionId id = sqlite3_last_insert_rowid(connection);
  spdlog::info("Records: session {} started", id);
  return id;
}

void Store::heartbeat(SessionId id, Timestamp now, std::optional<std::chrono::seconds> played) {
  Statement update(state_->connection.get(), R"sql(
UPDATE sessions SET last_seen_ms = ?2, actual_s = COALESCE(?3, actual_s)
WHERE id = ?1 AND outcome = 'running'
)sql",
                   "record heartbeat");
  update.bind_int(1, id);
  update.bind_int(2, to_milliseconds(now));
  update.bind_optional_int(3, played ? std::optional<std::int64_t>(played->count()) : std::nullopt);
  update.run();
  if (update.changes() == 0) {
    throw InvalidRecord(fmt::format("session {} is not running, so it takes no heartbeat", id));
  }
}

void Store::set_scores(SessionId id, Phase phase, const Scores& scores) {
  validate(scores, phase);

  const char* sql = phase == Phase::before ? R"sql(
UPDATE sessions SET anxiety_before = ?2, pain_before = ?3, breathlessness_before = ?4, wellbeing_before = ?5
WHERE id = ?1
)sql"
                                           : R"sql(
UPDATE sessions SET anxiety_after = ?2, pain_after = ?3, breathlessness_after = ?4, wellbeing_after = ?5
WHERE id = ?1
)sql";
  Statement update(state_->connection.get(), sql, "record scores");
  update.bind_int(1, id);
  bind_scores(update, 2, scores);
  update.run();
  if (update.changes() == 0) {
    throw InvalidRecord(fmt::format("there is no session {} to record scores for", id));
  }
}

void Store::finish(SessionId id, Outcome outcome, std::chrono::seconds actual, Timestamp ended_at,
                   const std::optional<core::ComfortSettings>& comfort) {
  if (outcome == Outcome::running) {
    throw InvalidRecord(fmt::format("session {} cannot finish as 'running': give how it ended", id));
  }
  if (actual < std::chrono::seconds::zero()) {
    throw InvalidRecord(fmt::format("the actual length {} s of session {} is negative", actual.count(), id));
  }

  Statement update(state_->connection.get(), R"sql(
UPDATE sessions SET outcome = ?2, actual_s = ?3, ended_at_ms = ?4, last_seen_ms = ?4
WHERE id = ?1 AND outcome = 'running'
)sql",
                   "finish session");
  update.bind_int(1, id);
  update.bind_text(2, to_string(outcome));
  update.bind_int(3, actual.count());
  update.bind_int(4, to_milliseconds(ended_at));
  // The settings at the end replace those at the start in the same
  // transaction as the outcome, so a crash leaves one set or the other.
  if (comfort) {
    if (const auto problem = core::find_out_of_bounds(*comfort)) {
      throw InvalidRecord(fmt::format("the comfort settings at the end of session {} are invalid: {}", id, *problem));
    }
  }
  Transaction transaction(state_->connection.get(), "finish session");
  update.run();
  if (update.changes() == 0) {
    throw InvalidRecord(fmt::format("session {} is not running: it has ended already or does not exist", id));
  }
  if (comfort) {
    Statement settings(state_->connection.get(), R"sql(
UPDATE sessions SET brightness = ?2, volume = ?3, motion = ?4, recline_deg = ?5, warm_colour = ?6, mono_view = ?7,
  breathing_guide = ?8, breaths_per_minute = ?9, fade_in_s = ?10, fade_out_s = ?11
WHERE id = ?1
)sql",
                       "record comfort settings");
    settings.bind_int(1, id);
    bind_comfort(settings, 2, *comfort);
    settings.run();
  }
  transaction.commit();
  spdlog::info("Records: session {} ended ({})", id, to_string(outcome));
}

std::vector<SessionRecord> Store::query(const Filter& filter) const {
  // The order cannot be a parameter, so each direction has its own text.
  const std::string sql = fmt::format(
      "{} WHERE (?1 IS NULL OR label = ?1) AND (?2 IS NULL OR started_at_ms >= ?2) "
      "AND (?3 IS NULL OR started_at_ms < ?3) ORDER BY started_at_ms {}, id {} LIMIT ?4",
      kSelectColumns, filter.newest_first ? "DESC" : "ASC", filter.newest_first ? "DESC" : "ASC");
  Statement select(state_->connection.get(), sql, "query sessions");
  if (filter.label) {
    select.bind_text(1, *filter.label);
  }
  if (filter.from) {
    select.bind_int(2, to_milliseconds(*filter.from));
  }
  if (filter.to) {
    select.bind_int(3, to_milliseconds(*filter.to));
  }
  // A negative LIMIT means no limit in SQLite.
  select.bind_int(4, filter.limit ? static_cast<std::int64_t>(*filter.limit) : -1);

  std::vector<SessionRecord> records;
  while (select.step()) {
    records.push_back(read_record(select));
  }
  return records;
}

std::optional<SessionRecord> Store::find(SessionId id) const {
  Statement select(state_->connection.get(), std::string(kSelectColumns) + " WHERE id = ?1", "find session");
  select.bind_int(1, id);
  if (!select.step()) {
    return std::nullopt;
  }
  return read_record(select);
}

std::size_t Store::recovered_count() const {
  return state_->recovered;
}

const std::filesystem::path& Store::path() const {
  return state_->path;
}

}  // namespace stillwater::records
