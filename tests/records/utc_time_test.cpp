#include "records/records_fixture.hpp"
#include "records/utc_time.hpp"

#include <catch2/catch.hpp>

using namespace stillwater;
using records::format_utc;
using records::parse_utc;

TEST_CASE("utc time formats ISO 8601", "[records][time]") {
  CHECK(format_utc(records::Timestamp{}) == "1970-01-01T00:00:00Z");
  CHECK(format_utc(test::utc("2026-03-14T09:26:53Z") + std::chrono::milliseconds(999)) == "2026-03-14T09:26:53Z");
  CHECK(format_utc(test::utc("2028-02-29T23:59:59Z")) == "2028-02-29T23:59:59Z");
  CHECK(records::format_utc_compact(test::utc("2026-03-14T09:26:53Z")) == "20260314T092653Z");
}

TEST_CASE("utc time parses dates and times", "[records][time]") {
  const auto day = parse_utc("2026-03-14");
  REQUIRE(day.has_value());
  CHECK(day->whole_day);
  CHECK(format_utc(day->time) == "2026-03-14T00:00:00Z");

  const auto time = parse_utc("2026-03-14T09:26:53Z");
  REQUIRE(time.has_value());
  CHECK_FALSE(time->whole_day);
  CHECK(time->time.time_since_epoch() == std::chrono::milliseconds(1773480413000));
}

TEST_CASE("utc time rejects bad text", "[records][time]") {
  for (const char* bad : {"", "2026-3-14", "2026-13-01", "2026-02-30", "2027-02-29", "1969-12-31", "2026-03-14 ",
                          "2026/03/14", "2026-03-14T09:26:53", "2026-03-14T24:00:00Z", "2026-03-14T09:60:00Z",
                          "2026-03-14T09:26:60Z", "2026-03-14T09:26:53+01:00", "yesterday", "+026-03-14"}) {
    INFO("text \"" << bad << "\"");
    CHECK_FALSE(parse_utc(bad).has_value());
  }
}
