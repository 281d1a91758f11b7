#include "records/records_fixture.hpp"

#include "records/utc_time.hpp"

#include <catch2/catch.hpp>

#include <fstream>
#include <iterator>
#include <variant>

namespace stillwater::test {

std::filesystem::path fresh_records_folder(const std::string& name) {
  const auto folder = std::filesystem::temp_directory_path() / ("stillwater-records-" + name);
  std::filesystem::remove_all(folder);
  std::filesystem::create_directories(folder);
  return folder;
}

records::Timestamp utc(const std::string& text) {
  const auto parsed = records::parse_utc(text);
  REQUIRE(parsed.has_value());
  return parsed->time;
}

records::NewSession sample_session(const std::string& label, records::Timestamp started_at) {
  records::NewSession session;
  session.label = label;
  session.scene = "golden-hour-sea";
  session.planned = std::chrono::minutes(15);
  session.started_at = started_at;
  session.comfort.brightness = 0.8F;
  session.comfort.volume = 0.45F;
  session.comfort.motion = core::MotionLevel::still;
  session.comfort.recline_deg = 37.5F;
  session.comfort.warm_colour = true;
  session.comfort.mono_view = true;
  session.comfort.breathing_guide = true;
  session.comfort.breaths_per_minute = 5.5F;
  session.comfort.fade_in_s = 12.0F;
  session.comfort.fade_out_s = 25.0F;
  session.before = records::Scores{7, 4, 0, 3};
  return session;
}

records::Store open_store(const std::filesystem::path& path, records::Access access) {
  auto opened = records::Store::open(path, access);
  if (const auto* unavailable = std::get_if<records::Unavailable>(&opened)) {
    FAIL("the store did not open: " << unavailable->message);
  }
  return std::move(std::get<records::Store>(opened));
}

records::Unavailable open_unavailable(const std::filesystem::path& path, records::Access access) {
  auto opened = records::Store::open(path, access);
  REQUIRE(std::holds_alternative<records::Unavailable>(opened));
  return std::get<records::Unavailable>(opened);
}

std::string file_bytes(const std::filesystem::path& path) {
  std::ifstream stream(path, std::ios::binary);
  REQUIRE(stream.good());
  return {std::istreambuf_iterator<char>(stream), std::istreambuf_iterator<char>()};
}

void check_same_record(const records::SessionRecord& actual, const records::SessionRecord& expected) {
  INFO("session " << expected.id);
  CHECK(actual.id == expected.id);
  CHECK(actual.label == expected.label);
  CHECK(actual.scene == expected.scene);
  CHECK(actual.planned == expected.planned);
  CHECK(actual.actual == expected.actual);
  CHECK(actual.outcome == expected.outcome);
  CHECK(actual.before == expected.before);
  CHECK(actual.after == expected.after);
  CHECK(actual.started_at == expected.started_at);
  CHECK(actual.ended_at == expected.ended_at);
  CHECK(actual.last_seen == expected.last_seen);
  REQUIRE(actual.comfort.has_value() == expected.comfort.has_value());
  if (actual.comfort && expected.comfort) {
    CHECK(actual.comfort->brightness == expected.comfort->brightness);
    CHECK(actual.comfort->volume == expected.comfort->volume);
    CHECK(actual.comfort->motion == expected.comfort->motion);
    CHECK(actual.comfort->recline_deg == expected.comfort->recline_deg);
    CHECK(actual.comfort->warm_colour == expected.comfort->warm_colour);
    CHECK(actual.comfort->mono_view == expected.comfort->mono_view);
    CHECK(actual.comfort->breathing_guide == expected.comfort->breathing_guide);
    CHECK(actual.comfort->breaths_per_minute == expected.comfort->breaths_per_minute);
    CHECK(actual.comfort->fade_in_s == expected.comfort->fade_in_s);
    CHECK(actual.comfort->fade_out_s == expected.comfort->fade_out_s);
  }
}

}  // namespace stillwater::test
