#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace stillwater::records {

struct ConnectionCloser {
  void operator()(sqlite3* connection) const noexcept;
};

// One open database connection; closing it finalises nothing on its own, so
// every Statement must be destroyed first (Store declares them in that order).
using Connection = std::unique_ptr<sqlite3, ConnectionCloser>;

// Opens `path` with `flags` (SQLITE_OPEN_*). Returns the connection or, when
// SQLite could not even allocate one, throws core::ApiError. A connection
// whose open failed is returned with the result in `result`, because SQLite's
// error message lives on it.
Connection open_connection(const std::filesystem::path& path, int flags, int& result);

// Runs fixed SQL that contains no values from outside the program (schema,
// pragmas, transactions). `purpose` names it in errors, such as
// "create schema v1".
void execute(sqlite3* connection, const char* sql, std::string_view purpose);

// A prepared statement with bound parameters. Every value from outside the
// program goes through bind_*, never into the SQL text.
class Statement {
 public:
  Statement(sqlite3* connection, std::string_view sql, std::string_view purpose);

  // Parameter indexes start at 1, as in SQLite.
  void bind_int(int index, std::int64_t value);
  void bind_double(int index, double value);
  void bind_text(int index, std::string_view text);
  void bind_null(int index);
  void bind_optional_int(int index, const std::optional<std::int64_t>& value);

  // Steps once. Returns true when a row is available, false when done.
  bool step();
  // Steps to the end of a statement that returns no rows.
  void run();
  // Makes the statement ready to step again and clears its bindings.
  void reset();

  // Column indexes start at 0, as in SQLite.
  [[nodiscard]] bool is_null(int column) const;
  [[nodiscard]] std::int64_t column_int(int column) const;
  [[nodiscard]] double column_double(int column) const;
  [[nodiscard]] std::string column_text(int column) const;
  [[nodiscard]] std::optional<std::int64_t> column_optional_int(int column) const;

  // Rows changed by the last completed INSERT, UPDATE or DELETE.
  [[nodiscard]] int changes() const;

 private:
  struct Finalizer {
    void operator()(sqlite3_stmt* statement) const noexcept;
  };

  void check_bind(int result, int index);

  sqlite3* connection_;
  std::string purpose_;
  std::unique_ptr<sqlite3_stmt, Finalizer> statement_;
};

// A write transaction taken at once (BEGIN IMMEDIATE), so it never fails
// halfway for want of a lock. Rolled back unless commit() was called.
class Transaction {
 public:
  Transaction(sqlite3* connection, std::string_view purpose);
  ~Transaction();
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;

  void commit();

 private:
  sqlite3* connection_;
  std::string purpose_;
  bool open_ = true;
};

}  // namespace stillwater::records
