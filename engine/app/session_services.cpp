#include "app/session_services.hpp"

#include "render/offscreen_renderer.hpp"
#include "scene/scene_file.hpp"

#include <glm/glm.hpp>
#include <spdlog/spdlog.h>
#include <stb_image_write.h>

#include <malloc.h>
#include <pthread.h>
#include <sched.h>

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <optional>

namespace stillwater::app {

namespace {

// Small enough to render quickly in software, large enough to tell the
// places apart on a tablet.
constexpr VkExtent2D kThumbnailSize{240, 135};

std::vector<std::uint8_t> encode_png(const core::Rgba8Image& image) {
  std::vector<std::uint8_t> bytes;
  stbi_write_png_to_func(
      [](void* context, void* data, int size) {
        auto* out = static_cast<std::vector<std::uint8_t>*>(context);
        const auto* begin = static_cast<const std::uint8_t*>(data);
        out->insert(out->end(), begin, begin + size);
      },
      &bytes, static_cast<int>(image.width), static_cast<int>(image.height), 4, image.pixels.data(),
      static_cast<int>(image.width * 4));
  return bytes;
}

}  // namespace

ShippedSceneCatalogue::ShippedSceneCatalogue(bool validation) : validation_(validation) {
  scenes_.push_back({std::string(kBuiltInSea), "Open sea at golden hour"});

  for (const std::string& name : scene::shipped_scene_names()) {
    const std::filesystem::path file = scene::scenes_folder() / (name + ".toml");
    try {
      const scene::Scene place = scene::load_scene(file);
      scenes_.push_back({name, place.name});
    } catch (const std::exception& problem) {
      spdlog::error("Scene {} is left out of the companion's list: {}", file.filename().string(), problem.what());
    }
  }

  thumbnails_.resize(scenes_.size());
}

ShippedSceneCatalogue::~ShippedSceneCatalogue() {
  stopping_ = true;
  if (worker_.joinable()) {
    worker_.join();
  }
}

void ShippedSceneCatalogue::render_thumbnails() const {
  // Thumbnails are background work. On a software renderer they share the
  // CPU with the headset's frames, so this thread runs only when the CPU is
  // otherwise idle, and the renderer's own threads, which this thread
  // creates below, inherit that policy.
  sched_param idle{};
  if (const int error = pthread_setschedparam(pthread_self(), SCHED_IDLE, &idle); error != 0) {
    spdlog::warn("Scene thumbnails render at normal priority: pthread_setschedparam(SCHED_IDLE) failed: {}",
                 std::strerror(error));
  }

  try {
    render::ContextOptions options;
    options.application_name = "Stillwater thumbnails";
    options.validation = validation_;
    const render::Context context(options);

    render::View view;
    view.fov = render::symmetric_fov(glm::radians(60.0F), static_cast<float>(kThumbnailSize.width) /
                                                              static_cast<float>(kThumbnailSize.height));
    // One renderer draws every place, so the scene pipeline is built and its
    // shaders compiled once rather than per place (0.6 to 1.1 s of CPU time
    // each on lavapipe). A renderer cannot go back to the built-in sea once a
    // place is set, so a sea listed after a place gets a fresh renderer.
    std::optional<render::OffscreenRenderer> renderer;
    bool place_set = false;
    for (std::size_t index = 0; index < scenes_.size() && !stopping_; ++index) {
      const bool sea = scenes_[index].id == kBuiltInSea;
      if (!renderer || (sea && place_set)) {
        renderer.reset();
        renderer.emplace(context, kThumbnailSize);
        place_set = false;
      }
      if (!sea) {
        renderer->set_scene(scene::load_scene(scene::find_scene(scenes_[index].id)));
        place_set = true;
      }
      auto png = encode_png(renderer->render(view, render::FrameState{}));
      const std::lock_guard lock(mutex_);
      thumbnails_[index] = std::move(png);
    }
    spdlog::info("Scene thumbnails rendered for the companion");
  } catch (const std::exception& error) {
    // The companion still lists the scenes, without pictures.
    spdlog::error("Rendering scene thumbnails failed: {}", error.what());
  }

  // glibc keeps memory freed on this thread in the thread's own heap (malloc
  // arena), so the thumbnails' Vulkan device, shaders and pictures would stay
  // resident for the rest of the run: about 80 MB with the shipped places.
  // malloc_trim hands the free pages of every heap back to the system.
  malloc_trim(0);
}

std::vector<companion::SceneInfo> ShippedSceneCatalogue::scenes() const {
  std::call_once(worker_started_, [this] {
    worker_ = std::thread([this] { render_thumbnails(); });
  });
  return scenes_;
}

std::optional<std::vector<std::uint8_t>> ShippedSceneCatalogue::thumbnail_png(std::string_view id) const {
  for (std::size_t index = 0; index < scenes_.size(); ++index) {
    if (scenes_[index].id == id) {
      const std::lock_guard lock(mutex_);
      if (thumbnails_[index].empty()) {
        return std::nullopt;
      }
      return thumbnails_[index];
    }
  }
  return std::nullopt;
}

companion::Health LoopHealth::health() const {
  const std::lock_guard lock(mutex_);
  return health_;
}

void LoopHealth::set(const companion::Health& health) {
  const std::lock_guard lock(mutex_);
  health_ = health;
}

}  // namespace stillwater::app
