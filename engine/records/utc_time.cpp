#include "records/utc_time.hpp"

#include <fmt/format.h>

namespace stillwater::records {

namespace {

// Reads exactly `digits` decimal digits at `position`.
std::optional<int> read_number(std::string_view text, std::size_t position, std::size_t digits) {
  if (position + digits > text.size()) {
    return std::nullopt;
  }
  int value = 0;
  for (std::size_t index = position; index < position + digits; ++index) {
    const char character = text[index];
    if (character < '0' || character > '9') {
      return std::nullopt;
    }
    value = value * 10 + (character - '0');
  }
  return value;
}

// Formats with the given separators between the date's and the clock's parts.
std::string format_with(Timestamp time, std::string_view date_separator, std::string_view clock_separator) {
  using namespace std::chrono;
  const auto day = floor<days>(time);
  const year_month_day date{day};
  const hh_mm_ss clock{floor<seconds>(time - day)};
  return fmt::format("{:04}{}{:02}{}{:02}T{:02}{}{:02}{}{:02}Z", static_cast<int>(date.year()), date_separator,
                     static_cast<unsigned>(date.month()), date_separator, static_cast<unsigned>(date.day()),
                     clock.hours().count(), clock_separator, clock.minutes().count(), clock_separator,
                     clock.seconds().count());
}

}  // namespace

std::string format_utc(Timestamp time) {
  return format_with(time, "-", ":");
}

std::string format_utc_compact(Timestamp time) {
  return format_with(time, "", "");
}

std::optional<ParsedTime> parse_utc(std::string_view text) {
  using namespace std::chrono;
  if (text.size() != 10 && text.size() != 20) {
    return std::nullopt;
  }

  const auto year_number = read_number(text, 0, 4);
  const auto month_number = read_number(text, 5, 2);
  const auto day_number = read_number(text, 8, 2);
  if (!year_number || !month_number || !day_number || text[4] != '-' || text[7] != '-' || *year_number < 1970) {
    return std::nullopt;
  }
  const year_month_day date{year{*year_number}, month{static_cast<unsigned>(*month_number)},
                            day{static_cast<unsigned>(*day_number)}};
  if (!date.ok()) {
    return std::nullopt;
  }

  ParsedTime parsed;
  parsed.time = time_point_cast<milliseconds>(sys_days{date});
  if (text.size() == 10) {
    parsed.whole_day = true;
    return parsed;
  }

  const auto hour = read_number(text, 11, 2);
  const auto minute = read_number(text, 14, 2);
  const auto second = read_number(text, 17, 2);
  if (text[10] != 'T' || text[13] != ':' || text[16] != ':' || text[19] != 'Z' || !hour || !minute || !second ||
      *hour > 23 || *minute > 59 || *second > 59) {
    return std::nullopt;
  }
  parsed.time += hours{*hour} + minutes{*minute} + seconds{*second};
  return parsed;
}

Timestamp now_utc() {
  return std::chrono::time_point_cast<std::chrono::milliseconds>(std::chrono::system_clock::now());
}

}  // namespace stillwater::records
