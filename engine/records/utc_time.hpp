#pragma once

#include "records/session_record.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace stillwater::records {

// Formats as ISO 8601 in UTC to the second, such as "2026-03-14T09:26:53Z";
// milliseconds are dropped, not rounded.
std::string format_utc(Timestamp time);

// Formats in ISO 8601's basic form, such as "20260314T092653Z", for file names.
std::string format_utc_compact(Timestamp time);

// A time given on the command line or the page.
struct ParsedTime {
  Timestamp time;
  // True for "YYYY-MM-DD", which stands for the whole day from midnight UTC.
  bool whole_day = false;
};

// Parses "YYYY-MM-DD" (midnight UTC) or "YYYY-MM-DDTHH:MM:SSZ", years 1970 to
// 9999. Returns nothing for any other text or an impossible date such as
// 2026-02-30.
std::optional<ParsedTime> parse_utc(std::string_view text);

// The current time, rounded down to the millisecond.
Timestamp now_utc();

}  // namespace stillwater::records
