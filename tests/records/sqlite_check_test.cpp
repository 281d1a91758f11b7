#include "records/sqlite_check.hpp"
#include "records/sqlite_handle.hpp"

#include <catch2/catch.hpp>

using namespace stillwater;
using records::sqlite_result_name;

TEST_CASE("sqlite result names", "[records][sqlite]") {
  CHECK(sqlite_result_name(SQLITE_OK) == "SQLITE_OK");
  CHECK(sqlite_result_name(SQLITE_BUSY) == "SQLITE_BUSY");
  CHECK(sqlite_result_name(SQLITE_CORRUPT) == "SQLITE_CORRUPT");
  CHECK(sqlite_result_name(SQLITE_NOTADB) == "SQLITE_NOTADB");
  CHECK(sqlite_result_name(SQLITE_DONE) == "SQLITE_DONE");
  CHECK(sqlite_result_name(SQLITE_CONSTRAINT_CHECK) == "SQLITE_CONSTRAINT_CHECK");
  CHECK(sqlite_result_name(SQLITE_IOERR_FSYNC) == "SQLITE_IOERR_FSYNC");
  CHECK(sqlite_result_name(SQLITE_IOERR_DELETE) == "SQLITE_IOERR (extended code 2570)");
  CHECK(sqlite_result_name(4242) == "SQLITE_4242");
}

TEST_CASE("sqlite damage results", "[records][sqlite]") {
  CHECK(records::is_damage(SQLITE_CORRUPT));
  CHECK(records::is_damage(SQLITE_CORRUPT_INDEX));
  CHECK(records::is_damage(SQLITE_NOTADB));
  CHECK_FALSE(records::is_damage(SQLITE_BUSY));
  CHECK_FALSE(records::is_damage(SQLITE_CANTOPEN));
}

TEST_CASE("sqlite check passes success codes", "[records][sqlite]") {
  CHECK_NOTHROW(records::sqlite_check(SQLITE_OK, "sqlite3_exec (nothing)"));
  CHECK_NOTHROW(records::sqlite_check(SQLITE_ROW, "sqlite3_step (nothing)"));
  CHECK_NOTHROW(records::sqlite_check(SQLITE_DONE, "sqlite3_step (nothing)"));
}

TEST_CASE("sqlite check names call and result", "[records][sqlite]") {
  try {
    records::sqlite_check(SQLITE_BUSY, "sqlite3_step (insert session)");
    FAIL("sqlite_check did not throw");
  } catch (const core::ApiError& error) {
    CHECK(error.result_name() == "SQLITE_BUSY");
    CHECK(error.result_code() == SQLITE_BUSY);
    CHECK(error.call() == "sqlite3_step (insert session): database is locked");
    const std::string message = error.what();
    CHECK(message.rfind("sqlite3_step (insert session): database is locked failed with SQLITE_BUSY (tests/records/",
                        0) == 0);
  }
}

TEST_CASE("sqlite check carries the connection message", "[records][sqlite]") {
  int result = SQLITE_OK;
  const records::Connection connection =
      records::open_connection(":memory:", SQLITE_OPEN_READWRITE | SQLITE_OPEN_EXRESCODE, result);
  REQUIRE(result == SQLITE_OK);

  try {
    records::Statement statement(connection.get(), "SELECT FROM nowhere", "select nothing");
    FAIL("preparing bad SQL did not throw");
  } catch (const core::ApiError& error) {
    CHECK(error.result_name() == "SQLITE_ERROR");
    CHECK(error.call() == "sqlite3_prepare_v2 (select nothing): near \"FROM\": syntax error");
  }

  records::execute(connection.get(), "CREATE TABLE t (x INTEGER CHECK (x > 0))", "create table");
  records::Statement insert(connection.get(), "INSERT INTO t VALUES (?1)", "insert x");
  insert.bind_int(1, -1);
  try {
    insert.run();
    FAIL("breaking a CHECK constraint did not throw");
  } catch (const core::ApiError& error) {
    CHECK(error.result_name() == "SQLITE_CONSTRAINT_CHECK");
    CHECK(error.call() == "sqlite3_step (insert x): CHECK constraint failed: x > 0");
  }
}
