#include "companion/api_json.hpp"
#include "companion/companion_server.hpp"

#include <fmt/format.h>
#include <httplib.h>
#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>
#include <stb_image_write.h>

#include <algorithm>
#include <chrono>
#include <optional>
#include <variant>

namespace stillwater::companion {

using nlohmann::json;

namespace {

constexpr int kMirrorJpegQuality = 80;

std::optional<float> number_field(const json& body, const char* field) {
  if (!body.contains(field) || !body[field].is_number()) {
    return std::nullopt;
  }
  return body[field].get<float>();
}

}  // namespace

void CompanionServer::post_command(core::Command command, httplib::Response& response) {
  if (auto invalid = core::SessionController::check_values(command)) {
    reject(response, 400, *invalid);
    return;
  }
  if (auto conflict = controller_.post(std::move(command))) {
    reject(response, 409, *conflict);
    return;
  }
  response.status = 202;
  response.set_content(json{{"accepted", true}}.dump(), "application/json");
}

void CompanionServer::register_session_routes() {
  register_records_routes();

  // Wraps a handler that needs the JSON body and responds 400 when it is not JSON.
  // `example` is a body the route accepts, for the message about a bad one.
  const auto with_body = [this](std::string_view example, auto handler) {
    return [this, example, handler](const httplib::Request& request, httplib::Response& response) {
      const auto body = parse_request_body(request.body, example);
      if (const auto* error = std::get_if<InputError>(&body)) {
        reject(response, 400, error->message);
        return;
      }
      handler(std::get<json>(body), response);
    };
  };
  const auto simple = [this](core::Command command) {
    return [this, command](const httplib::Request& /*request*/, httplib::Response& response) {
      post_command(command, response);
    };
  };

  server_->Get("/api/state", [this](const httplib::Request& /*request*/, httplib::Response& response) {
    response.set_header("Cache-Control", "no-store");
    response.set_content(status_to_json(controller_.snapshot(), status_.health()).dump(), "application/json");
  });

  server_->Get("/api/settings", [this](const httplib::Request& /*request*/, httplib::Response& response) {
    response.set_content(settings_to_json(controller_.snapshot().settings).dump(), "application/json");
  });

  server_->Patch("/api/settings", with_body(R"({"volume": 0.5})", [this](const json& body, httplib::Response& response) {
                   auto parsed = parse_settings_patch(body);
                   if (auto* error = std::get_if<InputError>(&parsed)) {
                     reject(response, 400, error->message);
                     return;
                   }
                   const auto& patch = std::get<core::ComfortPatch>(parsed);
                   // The reply shows the settings as they will be once the frame
                   // loop applies the change, at its next frame.
                   const core::ComfortSettings next = core::apply_patch(controller_.snapshot().settings, patch);
                   post_command(core::ChangeSettings{patch}, response);
                   if (response.status == 202) {
                     response.set_content(settings_to_json(next).dump(), "application/json");
                   }
                 }));

  server_->Get("/api/scenes", [this](const httplib::Request& /*request*/, httplib::Response& response) {
    json list = json::array();
    for (const SceneInfo& scene : scenes_.scenes()) {
      list.push_back({{"id", scene.id},
                      {"title", scene.title},
                      {"thumbnail", fmt::format("/api/scenes/{}/thumbnail.png", scene.id)}});
    }
    response.set_content(list.dump(), "application/json");
  });

  server_->Get(R"(/api/scenes/([A-Za-z0-9_-]+)/thumbnail\.png)",
               [this](const httplib::Request& request, httplib::Response& response) {
                 const auto png = scenes_.thumbnail_png(request.matches[1].str());
                 if (!png && scenes_.contains(request.matches[1].str())) {
                   response.set_header("Retry-After", "2");
                   reject(response, 503,
                          fmt::format("The picture of scene '{}' is still being drawn.", request.matches[1].str()));
                   return;
                 }
                 if (!png) {
                   reject(response, 404, fmt::format("Scene '{}' was not found.", request.matches[1].str()));
                   return;
                 }
                 response.set_content(std::string(png->begin(), png->end()), "image/png");
               });

  server_->Post("/api/session/start", with_body(R"({"scene": "sea", "minutes": 20, "label": "Bed 4"})", [this](const json& body, httplib::Response& response) {
                  const auto named = parse_scene_field(body);
                  if (const auto* error = std::get_if<InputError>(&named)) {
                    reject(response, 400, error->message);
                    return;
                  }
                  const auto minutes = number_field(body, "minutes");
                  if (!minutes) {
                    reject(response, 400, "'minutes' is missing or not a number: give the session length in minutes.");
                    return;
                  }
                  const auto& scene = std::get<std::string>(named);
                  if (!scenes_.contains(scene)) {
                    reject(response, 404, fmt::format("Scene '{}' was not found. Choose one from the list.", scene));
                    return;
                  }
                  auto label = parse_label(body);
                  auto before = parse_scores(body, "before");
                  if (auto* error = std::get_if<InputError>(&label)) {
                    reject(response, 400, error->message);
                    return;
                  }
                  if (auto* error = std::get_if<InputError>(&before)) {
                    reject(response, 400, error->message);
                    return;
                  }

                  const auto& label_text = std::get<std::string>(label);
                  if (records_.available() && label_text.empty()) {
                    reject(response, 400,
                           "'label' is missing: give a bed or room code, such as \"Bed 4\", never a name.");
                    return;
                  }
                  // Kept before the command is posted, so the frame loop finds
                  // it when the session starts.
                  if (auto rejection = records_.prepare_session(
                          SessionStartRecord{label_text, scene, *minutes, std::get<WellbeingScores>(before)})) {
                    reject(response, 409, *rejection);
                    return;
                  }
                  post_command(core::StartSession{scene, *minutes}, response);
                  if (response.status != 202) {
                    records_.discard_prepared();
                  }
                }));

  server_->Post("/api/session/pause", simple(core::PauseSession{}));
  server_->Post("/api/session/resume", simple(core::ResumeSession{}));
  server_->Post("/api/session/end-gently", simple(core::EndGently{}));
  server_->Post("/api/session/stop-now", simple(core::StopNow{}));
  server_->Post("/api/session/recenter", simple(core::Recenter{}));

  server_->Post("/api/session/extend", with_body(R"({"minutes": 5})", [this](const json& body, httplib::Response& response) {
                  const auto minutes = number_field(body, "minutes");
                  if (!minutes) {
                    reject(response, 400, "'minutes' is missing or not a number: give the minutes to add.");
                    return;
                  }
                  post_command(core::ExtendSession{*minutes}, response);
                }));

  server_->Post("/api/session/scene", with_body(R"({"scene": "sea"})", [this](const json& body, httplib::Response& response) {
                  const auto named = parse_scene_field(body);
                  if (const auto* error = std::get_if<InputError>(&named)) {
                    reject(response, 400, error->message);
                    return;
                  }
                  const auto& scene = std::get<std::string>(named);
                  if (!scenes_.contains(scene)) {
                    reject(response, 404, fmt::format("Scene '{}' was not found. Choose one from the list.", scene));
                    return;
                  }
                  post_command(core::ChangeScene{scene}, response);
                }));

  server_->Get("/api/events",
               [this](const httplib::Request& /*request*/, httplib::Response& response) { serve_status_stream(response); });

  server_->Get("/api/mirror.jpg",
               [this](const httplib::Request& /*request*/, httplib::Response& response) { serve_mirror(response); });
}

void CompanionServer::serve_status_stream(httplib::Response& response) {
  if (open_streams_.fetch_add(1) >= options_.max_status_streams) {
    open_streams_.fetch_sub(1);
    reject(response, 503,
           fmt::format("Too many open status streams (at most {}). Close another companion page.",
                       options_.max_status_streams));
    return;
  }
  response.set_header("Cache-Control", "no-store");
  const auto interval = std::chrono::duration<double>(options_.status_interval_s);
  response.set_chunked_content_provider(
      "text/event-stream",
      [this, interval](std::size_t /*offset*/, httplib::DataSink& sink) {
        if (stopping_ || !sink.is_writable()) {
          sink.done();
          return false;
        }
        const std::string event = fmt::format(
            "event: status\ndata: {}\n\n", status_to_json(controller_.snapshot(), status_.health()).dump());
        if (!sink.write(event.data(), event.size())) {
          return false;
        }
        std::unique_lock lock(stream_mutex_);
        stream_wake_.wait_for(lock, interval, [this] { return stopping_.load(); });
        return true;
      },
      [this](bool /*success*/) { open_streams_.fetch_sub(1); });
}

void CompanionServer::serve_mirror(httplib::Response& response) {
  const MirrorSlot::Picture picture = mirror_.take_latest();
  response.set_header("Cache-Control", "no-store");
  if (!picture.image || picture.image->width == 0 || picture.image->height == 0) {
    // No picture yet is normal before the first frame, so it is no error.
    response.status = 204;
    return;
  }

  // Encodes once per picture, however many clients ask.
  const std::lock_guard lock(mirror_mutex_);
  if (encoded_sequence_ != picture.sequence) {
    encoded_jpeg_.clear();
    const auto append = [](void* context, void* data, int size) {
      static_cast<std::string*>(context)->append(static_cast<const char*>(data), static_cast<std::size_t>(size));
    };
    const core::Rgba8Image& image = *picture.image;
    if (stbi_write_jpg_to_func(append, &encoded_jpeg_, static_cast<int>(image.width), static_cast<int>(image.height),
                               4, image.pixels.data(), kMirrorJpegQuality) == 0) {
      encoded_jpeg_.clear();
      reject(response, 500, "The mirror picture could not be encoded.");
      return;
    }
    encoded_sequence_ = picture.sequence;
  }
  response.set_content(encoded_jpeg_, "image/jpeg");
}

}  // namespace stillwater::companion
