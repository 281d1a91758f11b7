#include "companion/records_json.hpp"

#include "records/utc_time.hpp"

#include <fmt/format.h>

#include <charconv>

namespace stillwater::companion {

using nlohmann::json;

namespace {

json optional_number(const std::optional<int>& value) {
  return value ? json(*value) : json(nullptr);
}

json scores_to_json(const records::Scores& scores) {
  return {
      {"anxiety", optional_number(scores.anxiety)},
      {"pain", optional_number(scores.pain)},
      {"breathlessness", optional_number(scores.breathlessness)},
      {"wellbeing", optional_number(scores.wellbeing)},
  };
}

std::optional<records::ParsedTime> parse_time(const std::string& text, const char* field, InputError& error) {
  auto parsed = records::parse_utc(text);
  if (!parsed) {
    error.message = fmt::format("'{}' is not a valid date: \"{}\". Use YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ, in UTC.",
                                field, text);
  }
  return parsed;
}

}  // namespace

json record_to_json(const records::SessionRecord& record) {
  return {
      {"id", record.id},
      {"label", record.label},
      {"scene", record.scene},
      {"started_at", records::format_utc(record.started_at)},
      {"ended_at", record.ended_at ? json(records::format_utc(*record.ended_at)) : json(nullptr)},
      {"planned_s", record.planned.count()},
      {"actual_s", record.actual ? json(record.actual->count()) : json(nullptr)},
      {"outcome", records::to_string(record.outcome)},
      {"before", scores_to_json(record.before)},
      {"after", scores_to_json(record.after)},
      {"settings", record.comfort ? settings_to_json(*record.comfort) : json(nullptr)},
      {"last_seen", records::format_utc(record.last_seen)},
  };
}

Parsed<records::Filter> parse_filter(const FilterText& text) {
  records::Filter filter;
  InputError error;

  if (!text.label.empty()) {
    if (auto problem = records::label_problem(text.label)) {
      return InputError{as_sentence(*problem)};
    }
    filter.label = text.label;
  }

  if (!text.from.empty()) {
    const auto from = parse_time(text.from, "from", error);
    if (!from) {
      return error;
    }
    filter.from = from->time;
  }

  if (!text.to.empty()) {
    const auto to = parse_time(text.to, "to", error);
    if (!to) {
      return error;
    }
    // A date alone includes its whole day; the filter's end is exclusive.
    filter.to = to->whole_day ? to->time + std::chrono::days(1) : to->time;
  }

  if (filter.from && filter.to && *filter.from >= *filter.to) {
    return InputError{fmt::format("'from' {} is not before 'to' {}. Give the earlier date first.", text.from, text.to)};
  }

  filter.limit = kDefaultHistoryRows;
  if (!text.limit.empty()) {
    std::size_t limit = 0;
    const char* end = text.limit.data() + text.limit.size();
    const auto [stop, code] = std::from_chars(text.limit.data(), end, limit);
    if (code != std::errc() || stop != end || limit < 1 || limit > kMaxHistoryRows) {
      return InputError{fmt::format("'limit' must be a whole number from 1 to {}, not \"{}\".", kMaxHistoryRows,
                                    text.limit)};
    }
    filter.limit = limit;
  }
  return filter;
}

}  // namespace stillwater::companion
