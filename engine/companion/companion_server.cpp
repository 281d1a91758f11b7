#include "companion/companion_server.hpp"

#include "companion/page_resources.hpp"

#include <fmt/format.h>
#include <httplib.h>
#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>

#include <chrono>
#include <utility>

namespace stillwater::companion {

namespace {

constexpr const char* kTokenCookie = "stillwater_token";
constexpr int kServerThreads = 12;
constexpr int kMaxLoggedRejectionsPerMinute = 30;

bool changes_state(const std::string& method) {
  return method != "GET" && method != "HEAD" && method != "OPTIONS";
}

bool needs_token(const std::string& path) {
  return path.rfind("/api/", 0) == 0 && path != "/api/pair";
}

// The token from "Authorization: Bearer TOKEN", else from the page's cookie.
std::string presented_token(const httplib::Request& request) {
  const std::string authorization = request.get_header_value("Authorization");
  constexpr std::string_view kBearer = "Bearer ";
  if (authorization.rfind(kBearer, 0) == 0) {
    return authorization.substr(kBearer.size());
  }
  const std::string cookies = request.get_header_value("Cookie");
  const std::string prefix = std::string(kTokenCookie) + "=";
  std::size_t start = 0;
  while (start < cookies.size()) {
    std::size_t end = cookies.find(';', start);
    if (end == std::string::npos) {
      end = cookies.size();
    }
    std::string_view cookie(cookies.data() + start, end - start);
    while (!cookie.empty() && cookie.front() == ' ') {
      cookie.remove_prefix(1);
    }
    if (cookie.rfind(prefix, 0) == 0) {
      return std::string(cookie.substr(prefix.size()));
    }
    start = end + 1;
  }
  return {};
}

std::string error_message(const httplib::Response& response) {
  const auto body = nlohmann::json::parse(response.body, nullptr, false);
  if (body.is_object() && body.contains("error") && body["error"].is_string()) {
    return body["error"].get<std::string>();
  }
  return {};
}

}  // namespace

CompanionServer::CompanionServer(core::SessionController& controller, const SceneCatalogue& scenes,
                                 const StatusProvider& status, MirrorSlot& mirror, RecordsSink& records,
                                 ServerOptions options)
    : controller_(controller),
      scenes_(scenes),
      status_(status),
      mirror_(mirror),
      records_(records),
      options_(std::move(options)),
      token_(options_.token.empty() ? make_access_token() : options_.token),
      failures_(options_.max_failures_per_minute, std::chrono::minutes(1)) {}

CompanionServer::~CompanionServer() { stop(); }

void CompanionServer::start() {
  if (!is_loopback_address(options_.address) && !options_.allow_other_address) {
    throw CompanionError(fmt::format(
        "Listening on {} would open the companion to the network. Use --listen {} to do so on purpose; devices then "
        "pair with a code shown here.",
        options_.address, options_.address));
  }
  if (!is_loopback_address(options_.address)) {
    pairing_code_ = make_pairing_code();
  }

  server_ = std::make_unique<httplib::Server>();
  server_->new_task_queue = [] { return new httplib::ThreadPool(kServerThreads); };
  // httplib's default socket options add SO_REUSEPORT, which would let a
  // second Stillwater share the port and receive half of the requests.
  server_->set_socket_options([](socket_t socket) {
    const int yes = 1;
    setsockopt(socket, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof(yes));
  });
  server_->set_payload_max_length(options_.max_body_bytes);
  server_->set_keep_alive_timeout(2);
  register_routes();

  const std::string bind_address = options_.address == "localhost" ? "127.0.0.1" : options_.address;
  if (options_.port == 0) {
    port_ = server_->bind_to_any_port(bind_address);
  } else if (server_->bind_to_port(bind_address, options_.port)) {
    port_ = options_.port;
  }
  if (port_ <= 0) {
    throw CompanionError(fmt::format(
        "Could not listen on {} port {}. Another program may be using the port: close it or choose another port.",
        options_.address, options_.port));
  }
  allowed_hosts_ = allowed_hosts(options_.address, port_);

  listener_finished_ = false;
  listener_ = std::thread([this] {
    server_->listen_after_bind();
    listener_finished_ = true;
  });
  // httplib 0.11's stop() does nothing until the listening loop has begun,
  // so a stop() right after start() would leave the loop running for ever.
  while (!server_->is_running() && !listener_finished_) {
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  spdlog::info("companion: listening on {} port {}{}", options_.address, port_,
               pairing_code_.empty() ? "" : " with pairing");
}

void CompanionServer::stop() {
  if (!server_) {
    return;
  }
  {
    const std::lock_guard lock(stream_mutex_);
    stopping_ = true;
  }
  stream_wake_.notify_all();
  server_->stop();
  if (listener_.joinable()) {
    listener_.join();
  }
  server_.reset();
  spdlog::info("companion: stopped");
}

std::string CompanionServer::page_url() const {
  const bool loopback = is_loopback_address(options_.address);
  const std::string host = loopback ? "127.0.0.1" : options_.address;
  return fmt::format("http://{}:{}/?token={}", host, port_, token_);
}

bool CompanionServer::token_valid(const httplib::Request& request) const {
  return same_secret(presented_token(request), token_);
}

void CompanionServer::reject(httplib::Response& response, int status, const std::string& message) const {
  response.status = status;
  response.set_content(nlohmann::json{{"error", message}}.dump(), "application/json");
}

CompanionServer::Access CompanionServer::check_request(const httplib::Request& request, httplib::Response& response) {
  const std::string host = request.get_header_value("Host");
  if (!host_allowed(host, allowed_hosts_)) {
    reject(response, 403,
           fmt::format("This server answers only to its own address. Open http://127.0.0.1:{}/ instead.", port_));
    return Access::rejected;
  }

  if (needs_token(request.path) && !token_valid(request)) {
    if (failures_.blocked(FailureLimiter::Clock::now())) {
      response.set_header("Retry-After", "60");
      reject(response, 429, "Too many requests with a wrong access token. Wait a minute, then open the address "
                            "Stillwater printed on the ward PC.");
    } else {
      failures_.record_failure(FailureLimiter::Clock::now());
      reject(response, 401, "The access token is missing or wrong. Open the address Stillwater printed on the ward PC.");
    }
    return Access::rejected;
  }

  if (changes_state(request.method) && !origin_matches(request.get_header_value("Origin"), host)) {
    reject(response, 403, "Requests that change the session must come from the companion page itself: the Origin "
                          "header is missing or belongs to another site.");
    return Access::rejected;
  }
  return Access::allowed;
}

// Logs a rejection or failure. Paths exclude the query and only the Host
// header is logged, so the token never reaches the log. After
// kMaxLoggedRejectionsPerMinute lines in a minute, the rest are only counted.
void CompanionServer::log_rejection(const httplib::Request& request, const httplib::Response& response) {
  const auto now = std::chrono::steady_clock::now();
  const std::lock_guard lock(log_mutex_);
  if (now - log_window_start_ >= std::chrono::minutes(1)) {
    if (unlogged_in_window_ > 0) {
      spdlog::warn("companion: {} more rejected requests in the last minute were not logged", unlogged_in_window_);
    }
    log_window_start_ = now;
    logged_in_window_ = 0;
    unlogged_in_window_ = 0;
  }
  if (logged_in_window_ >= kMaxLoggedRejectionsPerMinute) {
    ++unlogged_in_window_;
    return;
  }
  ++logged_in_window_;
  spdlog::warn("companion: {} {} from {} (Host '{}') answered {}: {}", request.method, request.path,
               request.remote_addr, request.get_header_value("Host"), response.status, error_message(response));
}

void CompanionServer::register_routes() {
  server_->set_pre_routing_handler([this](const httplib::Request& request, httplib::Response& response) {
    return check_request(request, response) == Access::rejected ? httplib::Server::HandlerResponse::Handled
                                                                : httplib::Server::HandlerResponse::Unhandled;
  });

  // Fills the bodies of errors httplib raises itself, such as 413 and 404.
  server_->set_error_handler(httplib::Server::HandlerWithResponse([this](const httplib::Request& request,
                                                                           httplib::Response& response) {
    if (!response.body.empty()) {
      return httplib::Server::HandlerResponse::Unhandled;
    }
    if (response.status == 413) {
      reject(response, 413,
             fmt::format("The request body is larger than the limit of {} bytes.", options_.max_body_bytes));
    } else if (response.status == 404) {
      reject(response, 404, fmt::format("Nothing is found at {}.", request.path));
    } else {
      reject(response, response.status, fmt::format("The request failed with status {}.", response.status));
    }
    return httplib::Server::HandlerResponse::Handled;
  }));

  server_->set_exception_handler(
      [this](const httplib::Request& request, httplib::Response& response, std::exception_ptr error) {
        std::string what = "unknown exception";
        try {
          std::rethrow_exception(std::move(error));
        } catch (const std::exception& exception) {
          what = exception.what();
        } catch (...) {
        }
        spdlog::error("companion: {} {} failed: {}", request.method, request.path, what);
        reject(response, 500, "The server failed to handle the request. The session goes on; try again.");
      });

  server_->set_logger([this](const httplib::Request& request, const httplib::Response& response) {
    // A picture still being drawn is answered 503 and the page asks again
    // every few seconds; that is waiting, not a fault worth a warning.
    const bool picture_pending = response.status == 503 && request.path.ends_with("/thumbnail.png");
    if (response.status >= 400 && !picture_pending) {
      log_rejection(request, response);
    }
  });

  const auto serve_text = [](std::string_view text, const char* type) {
    return [text, type](const httplib::Request& /*request*/, httplib::Response& response) {
      response.set_header("Cache-Control", "no-store");
      response.set_header("Content-Security-Policy",
                          "default-src 'self'; img-src 'self' blob: data:; style-src 'self'; script-src 'self'; "
                          "frame-ancestors 'none'");
      response.set_header("Referrer-Policy", "no-referrer");
      response.set_content(std::string(text), type);
    };
  };
  const auto serve_page = serve_text(page::index_html, "text/html; charset=utf-8");
  server_->Get("/", [this, serve_page](const httplib::Request& request, httplib::Response& response) {
    if (!request.has_param("token")) {
      serve_page(request, response);
      return;
    }
    // Moves the token from the address into a cookie, so it leaves the
    // address bar and the browser's history.
    if (!same_secret(request.get_param_value("token"), token_)) {
      if (failures_.blocked(FailureLimiter::Clock::now())) {
        response.set_header("Retry-After", "60");
        reject(response, 429, "Too many requests with a wrong access token. Wait a minute, then open the address "
                              "Stillwater printed on the ward PC.");
        return;
      }
      failures_.record_failure(FailureLimiter::Clock::now());
      reject(response, 401, "This address has an old or wrong access token. Open the address Stillwater printed on "
                            "the ward PC.");
      return;
    }
    response.set_header("Set-Cookie", fmt::format("{}={}; Path=/; HttpOnly; SameSite=Strict", kTokenCookie, token_));
    response.set_header("Referrer-Policy", "no-referrer");
    response.set_redirect("/", 303);
  });
  server_->Get("/page.css", serve_text(page::page_css, "text/css; charset=utf-8"));
  server_->Get("/page.js", serve_text(page::page_js, "text/javascript; charset=utf-8"));
  // Browsers ask for an icon unprompted; answering keeps 404s out of the log.
  server_->Get("/favicon.ico", [](const httplib::Request& /*request*/, httplib::Response& response) {
    response.status = 204;
  });

  server_->Post("/api/pair", [this](const httplib::Request& request, httplib::Response& response) {
    if (pairing_code_.empty()) {
      reject(response, 404, "Pairing is needed only when Stillwater listens on the network.");
      return;
    }
    if (failures_.blocked(FailureLimiter::Clock::now())) {
      response.set_header("Retry-After", "60");
      reject(response, 429, "Too many wrong pairing codes. Wait a minute and try again.");
      return;
    }
    const auto body = nlohmann::json::parse(request.body, nullptr, false);
    const bool matches = body.is_object() && body.contains("code") && body["code"].is_string() &&
                         same_secret(body["code"].get<std::string>(), pairing_code_);
    if (!matches) {
      failures_.record_failure(FailureLimiter::Clock::now());
      reject(response, 401, "The pairing code is wrong. Enter the code shown on the ward PC.");
      return;
    }
    spdlog::info("companion: a device paired from {}", request.remote_addr);
    response.set_header("Set-Cookie", fmt::format("{}={}; Path=/; HttpOnly; SameSite=Strict", kTokenCookie, token_));
    response.status = 204;
  });

  register_session_routes();
}

}  // namespace stillwater::companion
