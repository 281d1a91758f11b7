#include "records/csv_export.hpp"
#include "records/records_fixture.hpp"

#include <catch2/catch.hpp>

#include <sstream>

using namespace stillwater;
using records::csv_field;
using test::utc;

namespace {

const std::string kHeader =
    "id,label,scene,started_at,ended_at,planned_s,actual_s,outcome,anxiety_before,pain_before,"
    "breathlessness_before,wellbeing_before,anxiety_after,pain_after,breathlessness_after,wellbeing_after,"
    "brightness,volume,motion,recline_deg,warm_colour,mono_view,breathing_guide,breaths_per_minute,fade_in_s,"
    "fade_out_s,last_seen\r\n";

records::SessionRecord finished_record() {
  const auto session = test::sample_session("Bed 4", utc("2026-03-14T09:26:53Z") + std::chrono::milliseconds(999));
  records::SessionRecord record;
  record.id = 12;
  record.label = session.label;
  record.scene = session.scene;
  record.planned = session.planned;
  record.actual = std::chrono::seconds(612);
  record.outcome = records::Outcome::headset_removed;
  record.comfort = session.comfort;
  record.before = session.before;
  record.after = records::Scores{2, std::nullopt, 0, 10};
  record.started_at = session.started_at;
  record.ended_at = utc("2026-03-14T09:37:20Z");
  record.last_seen = utc("2026-03-14T09:37:20Z");
  return record;
}

std::string to_csv(const std::vector<records::SessionRecord>& rows) {
  std::ostringstream out;
  records::write_csv(out, rows);
  return out.str();
}

}  // namespace

TEST_CASE("csv field plain text unchanged", "[records][csv]") {
  CHECK(csv_field("") == "");
  CHECK(csv_field("Bed 4") == "Bed 4");
  CHECK(csv_field("golden-hour-sea") == "golden-hour-sea");
  CHECK(csv_field("12") == "12");
}

TEST_CASE("csv field quotes separators", "[records][csv]") {
  CHECK(csv_field("sea, at dusk") == "\"sea, at dusk\"");
  CHECK(csv_field("the \"quiet\" lake") == "\"the \"\"quiet\"\" lake\"");
  CHECK(csv_field("\"") == "\"\"\"\"");
  CHECK(csv_field("two\nlines") == "\"two\nlines\"");
  CHECK(csv_field("two\r\nlines") == "\"two\r\nlines\"");
  CHECK(csv_field("end\r") == "\"end\r\"");
}

TEST_CASE("csv field defuses formulas", "[records][csv]") {
  CHECK(csv_field("=1+1") == "'=1+1");
  CHECK(csv_field("+44 20 7946 0000") == "'+44 20 7946 0000");
  CHECK(csv_field("-3") == "'-3");
  CHECK(csv_field("@SUM(A1:A9)") == "'@SUM(A1:A9)");
  CHECK(csv_field("\tx") == "'\tx");
  // A formula with a comma is both defused and quoted.
  CHECK(csv_field("=HYPERLINK(\"http://example.invalid\",\"x\")") ==
        "\"'=HYPERLINK(\"\"http://example.invalid\"\",\"\"x\"\")\"");
  CHECK(csv_field("\r=1") == "\"'\r=1\"");
  // Only the first character counts.
  CHECK(csv_field("a=1") == "a=1");
  CHECK(csv_field("Bed-4") == "Bed-4");
}

TEST_CASE("csv field keeps UTF-8 bytes", "[records][csv]") {
  CHECK(csv_field("For\xC3\xAAt \xE2\x80\x93 ruisseau") == "For\xC3\xAAt \xE2\x80\x93 ruisseau");
  CHECK(csv_field("\xE6\xB5\xB7, \xF0\x9F\x8C\x8A") == "\"\xE6\xB5\xB7, \xF0\x9F\x8C\x8A\"");
}

TEST_CASE("csv of no sessions is the header", "[records][csv]") {
  CHECK(to_csv({}) == kHeader);
}

TEST_CASE("csv row of a finished session", "[records][csv]") {
  CHECK(to_csv({finished_record()}) ==
        kHeader +
            "12,Bed 4,golden-hour-sea,2026-03-14T09:26:53Z,2026-03-14T09:37:20Z,900,612,headset_removed,7,4,0,3,"
            "2,,0,10,0.8,0.45,still,37.5,true,true,true,5.5,12,25,2026-03-14T09:37:20Z\r\n");
}

TEST_CASE("csv row of a running older session", "[records][csv]") {
  records::SessionRecord record;
  record.id = 3;
  record.label = "-1";
  record.scene = "Lac \xC3\xA0 l'aube, \"calme\"\nsecond line";
  record.planned = std::chrono::seconds(600);
  record.started_at = utc("2026-01-02T03:04:05Z");
  record.last_seen = utc("2026-01-02T03:09:05Z");

  CHECK(to_csv({record}) == kHeader +
                                "3,'-1,\"Lac \xC3\xA0 l'aube, \"\"calme\"\"\nsecond line\",2026-01-02T03:04:05Z,,600,,"
                                "running,,,,,,,,,,,,,,,,,,,2026-01-02T03:09:05Z\r\n");
}

TEST_CASE("csv rows keep their order", "[records][csv]") {
  auto first = finished_record();
  auto second = finished_record();
  second.id = 13;
  second.scene = "=cmd|' /C calc'!A0";
  const auto csv = to_csv({first, second});

  const auto first_row = csv.find("\r\n12,");
  const auto second_row = csv.find("\r\n13,Bed 4,'=cmd|' /C calc'!A0,");
  REQUIRE(first_row != std::string::npos);
  REQUIRE(second_row != std::string::npos);
  CHECK(first_row < second_row);

  // Every line ends in CRLF: no bare LF outside a quoted field here.
  std::size_t lines = 0;
  for (std::size_t position = csv.find('\n'); position != std::string::npos; position = csv.find('\n', position + 1)) {
    CHECK(csv[position - 1] == '\r');
    ++lines;
  }
  CHECK(lines == 3);
}
