#include "companion/api_json.hpp"
#include "companion/companion_server.hpp"
#include "companion/records_json.hpp"
#include "records/csv_export.hpp"
#include "records/utc_time.hpp"

#include <fmt/format.h>
#include <httplib.h>
#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>

#include <sstream>
#include <variant>

namespace stillwater::companion {

using nlohmann::json;

namespace {

json records_status_to_json(const RecordsStatus& status) {
  return {
      {"available", status.state == RecordsState::recording || status.state == RecordsState::failing},
      {"state", to_string(status.state)},
      {"message", status.message},
      {"file", status.file},
      {"kept_copy", status.kept_copy},
  };
}

FilterText filter_text(const httplib::Request& request) {
  return {request.get_param_value("label"), request.get_param_value("from"), request.get_param_value("to"),
          request.get_param_value("limit")};
}

}  // namespace

void CompanionServer::register_records_routes() {
  // Responds 409 and returns false when no records are kept in this run.
  const auto check_kept = [this](httplib::Response& response, std::string_view what) {
    const RecordsStatus status = records_.status();
    if (status.state == RecordsState::recording || status.state == RecordsState::failing) {
      return true;
    }
    reject(response, 409, fmt::format("Session records are not kept in this run, so {}. {}", what, status.message));
    return false;
  };

  server_->Get("/api/records", [this](const httplib::Request& /*request*/, httplib::Response& response) {
    response.set_header("Cache-Control", "no-store");
    response.set_content(records_status_to_json(records_.status()).dump(), "application/json");
  });

  server_->Post("/api/records/continue-without",
                [this](const httplib::Request& /*request*/, httplib::Response& response) {
                  if (!records_.continue_without_records()) {
                    reject(response, 409,
                           "Session records are not unavailable, so there is nothing to agree to. Reload the page.");
                    return;
                  }
                  response.set_content(records_status_to_json(records_.status()).dump(), "application/json");
                });

  server_->Post("/api/session/scores", [this, check_kept](const httplib::Request& request,
                                                          httplib::Response& response) {
    const auto body = parse_request_body(request.body, R"({"label": "Bed 4", "after": {"anxiety": 4}})");
    if (const auto* error = std::get_if<InputError>(&body)) {
      reject(response, 400, error->message);
      return;
    }
    const auto label = parse_label(std::get<json>(body));
    const auto after = parse_scores(std::get<json>(body), "after");
    if (const auto* error = std::get_if<InputError>(&label)) {
      reject(response, 400, error->message);
      return;
    }
    if (const auto* error = std::get_if<InputError>(&after)) {
      reject(response, 400, error->message);
      return;
    }
    if (!check_kept(response, "the scores were not saved")) {
      return;
    }
    const std::string& label_text = std::get<std::string>(label);
    const auto rejection = records_.scores_after(label_text.empty() ? std::nullopt : std::optional(label_text),
                                               std::get<WellbeingScores>(after));
    if (rejection) {
      reject(response, 409, *rejection);
      return;
    }
    response.status = 204;
  });

  server_->Get("/api/records/sessions", [this, check_kept](const httplib::Request& request,
                                                           httplib::Response& response) {
    const auto filter = parse_filter(filter_text(request));
    if (const auto* error = std::get_if<InputError>(&filter)) {
      reject(response, 400, error->message);
      return;
    }
    if (!check_kept(response, "there is no history to show")) {
      return;
    }
    json sessions = json::array();
    for (const records::SessionRecord& record : records_.history(std::get<records::Filter>(filter))) {
      sessions.push_back(record_to_json(record));
    }
    response.set_header("Cache-Control", "no-store");
    response.set_content(json{{"sessions", sessions}}.dump(), "application/json");
  });

  server_->Get("/api/records/export.csv", [this, check_kept](const httplib::Request& request,
                                                             httplib::Response& response) {
    FilterText text = filter_text(request);
    if (!text.limit.empty()) {
      reject(response, 400, "'limit' does not apply to the export, which has every session that matches. Leave it out.");
      return;
    }
    auto filter = parse_filter(text);
    if (const auto* error = std::get_if<InputError>(&filter)) {
      reject(response, 400, error->message);
      return;
    }
    if (!check_kept(response, "there is nothing to export")) {
      return;
    }
    auto& chosen = std::get<records::Filter>(filter);
    chosen.limit.reset();
    chosen.newest_first = false;
    const auto sessions = records_.history(chosen);
    std::ostringstream csv;
    records::write_csv(csv, sessions);

    spdlog::info("Records: exported {} session(s) to the companion page", sessions.size());
    response.set_header("Cache-Control", "no-store");
    response.set_header("Content-Disposition",
                        fmt::format("attachment; filename=\"stillwater-records-{}.csv\"",
                                    records::format_utc_compact(records::now_utc())));
    response.set_content(csv.str(), "text/csv; charset=utf-8");
  });
}

}  // namespace stillwater::companion
