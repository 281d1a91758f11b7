#include "records/sqlite_handle.hpp"

#include "records/sqlite_check.hpp"

#include <fmt/format.h>
#include <spdlog/spdlog.h>


namespace stillwater::records {

void ConnectionCloser::operator()(sqlite3* connection) const noexcept {
  // close_v2 defers the close until stray statements are gone instead of
  // failing with SQLITE_BUSY.
  sqlite3_close_v2(connection);
}

Connection open_connection(const std::filesystem::path& path, int flags, int& result) {
  sqlite3* raw = nullptr;
  result = sqlite3_open_v2(path.c_str(), &raw, flags, nullptr);
  if (raw == nullptr) {
    sqlite_check(SQLITE_NOMEM, fmt::format("sqlite3_open_v2 ({})", path.string()));
  }
  return Connection(raw);
}

void execute(sqlite3* connection, const char* sql, std::string_view purpose) {
  sqlite_check(sqlite3_exec(connection, sql, nullptr, nullptr, nullptr),
               fmt::format("sqlite3_exec ({})", purpose), connection);
}

void Statement::Finalizer::operator()(sqlite3_stmt* statement) const noexcept {
  sqlite3_finalize(statement);
}

Statement::Statement(sqlite3* connection, std::string_view sql, std::string_view purpose)
    : connection_(connection), purpose_(purpose) {
  sqlite3_stmt* raw = nullptr;
  const int result = sqlite3_prepare_v2(connection, sql.data(), static_cast<int>(sql.size()), &raw, nullptr);
  statement_.reset(raw);
  sqlite_check(result, fmt::format("sqlite3_prepare_v2 ({})", purpose_), connection_);
}

void Statement::check_bind(int result, int index) {
  sqlite_check(result, fmt::format("sqlite3_bind (parameter {} of {})", index, purpose_), connection_);
}

void Statement::bind_int(int index, std::int64_t value) {
  check_bind(sqlite3_bind_int64(statement_.get(), index, value), index);
}

void Statement::bind_double(int index, double value) {
  check_bind(sqlite3_bind_double(statement_.get(), index, value), index);
}

void Statement::bind_text(int index, std::string_view text) {
  check_bind(sqlite3_bind_text64(statement_.get(), index, text.data(), text.size(), SQLITE_TRANSIENT, SQLITE_UTF8),
             index);
}

void Statement::bind_null(int index) {
  check_bind(sqlite3_bind_null(statement_.get(), index), index);
}

void Statement::bind_optional_int(int index, const std::optional<std::int64_t>& value) {
  if (value) {
    bind_int(index, *value);
  } else {
    bind_null(index);
  }
}

bool Statement::step() {
  const int result = sqlite3_step(statement_.get());
  if (result == SQLITE_ROW) {
    return true;
  }
  sqlite_check(result, fmt::format("sqlite3_step ({})", purpose_), connection_);
  return false;
}

void Statement::run() {
  while (step()) {
  }
}

void Statement::reset() {
  sqlite3_reset(statement_.get());
  sqlite3_clear_bindings(statement_.get());
}

bool Statement::is_null(int column) const {
  return sqlite3_column_type(statement_.get(), column) == SQLITE_NULL;
}

std::int64_t Statement::column_int(int column) const {
  return sqlite3_column_int64(statement_.get(), column);
}

double Statement::column_double(int column) const {
  return sqlite3_column_double(statement_.get(), column);
}

std::string Statement::column_text(int column) const {
  const unsigned char* text = sqlite3_column_text(statement_.get(), column);
  const int bytes = sqlite3_column_bytes(statement_.get(), column);
  if (text == nullptr) {
    return {};
  }
  return std::string(reinterpret_cast<const char*>(text), static_cast<std::size_t>(bytes));
}

std::optional<std::int64_t> Statement::column_optional_int(int column) const {
  if (is_null(column)) {
    return std::nullopt;
  }
  return column_int(column);
}

int Statement::changes() const {
  return sqlite3_changes(connection_);
}

Transaction::Transaction(sqlite3* connection, std::string_view purpose)
    : connection_(connection), purpose_(purpose) {
  execute(connection_, "BEGIN IMMEDIATE", fmt::format("begin transaction ({})", purpose_));
}

Transaction::~Transaction() {
  if (!open_) {
    return;
  }

  // A failed rollback leaves SQLite to roll back when the connection closes;
  // a destructor can do no more than log it.
  if (sqlite3_exec(connection_, "ROLLBACK", nullptr, nullptr, nullptr) != SQLITE_OK) {
    spdlog::error("Records: rollback of transaction ({}) failed: {}", purpose_, sqlite3_errmsg(connection_));
  }
}

void Transaction::commit() {
  execute(connection_, "COMMIT", fmt::format("commit transaction ({})", purpose_));
  open_ = false;
}

}  // namespace stillwater::records
