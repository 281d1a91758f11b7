#pragma once

#include "companion/api_json.hpp"
#include "records/session_record.hpp"

#include <nlohmann/json.hpp>

#include <string>

namespace stillwater::companion {

// A records row for the history view: times in ISO 8601 UTC, lengths in
// whole seconds, missing values as null.
nlohmann::json record_to_json(const records::SessionRecord& record);

// The history filters as the request's query parameters give them; an empty
// text is a filter left out.
struct FilterText {
  std::string label;
  std::string from;
  std::string to;
  std::string limit;
};

// Reads the filters with the command line's rules: `from` and `to` are
// "YYYY-MM-DD" or "YYYY-MM-DDTHH:MM:SSZ" in UTC, and a `to` date includes its
// whole day. `limit` is 1 to kMaxHistoryRows, kDefaultHistoryRows when left out.
Parsed<records::Filter> parse_filter(const FilterText& text);

inline constexpr std::size_t kDefaultHistoryRows = 50;
inline constexpr std::size_t kMaxHistoryRows = 1000;

}  // namespace stillwater::companion
