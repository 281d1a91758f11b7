#pragma once

#include "core/image.hpp"

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>

namespace stillwater::companion {

// The latest small copy of what the patient sees, handed from the frame loop
// to the server without the frame loop ever waiting.
class MirrorSlot {
 public:
  struct Picture {
    std::shared_ptr<const core::Rgba8Image> image;
    // Increases with every published picture; 0 when none was published.
    std::uint64_t sequence = 0;
  };

  // Frame loop: true when a client asked for a picture in the last two seconds,
  // so the frame loop can skip the copy and downscale when no client watches.
  [[nodiscard]] bool wanted() const;

  // Frame loop: stores the picture unless the server is reading the slot at
  // this moment, in which case the picture is dropped and false returned.
  bool try_publish(core::Rgba8Image image);

  // Server: marks the mirror as wanted and returns the latest picture.
  [[nodiscard]] Picture take_latest();

 private:
  std::mutex mutex_;
  Picture latest_;
  std::atomic<std::int64_t> last_request_ns_{0};
};

// Shrinks `image` by averaging whole blocks of pixels until its width is at
// most `max_width`; returns it unchanged when it is already small enough.
core::Rgba8Image downscale(const core::Rgba8Image& image, std::uint32_t max_width);

}  // namespace stillwater::companion
