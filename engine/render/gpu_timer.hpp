#pragma once

#include "render/context.hpp"
#include "render/vk_handle.hpp"

#include <vulkan/vulkan.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace stillwater::render {

// Measures how long the GPU spends on a stretch of one command buffer, with a
// pair of Vulkan timestamp queries per slot. Each frame in flight uses its own
// slot, so reading one frame's result never waits for a later frame.
//
// Devices whose graphics queue family reports timestampValidBits 0 cannot
// time work; the timer is then unavailable, records nothing and says why.
class GpuTimer {
 public:
  GpuTimer(const Context& context, std::uint32_t slots);

  [[nodiscard]] bool available() const { return pool_ ? true : false; }
  // Why timing is unavailable; empty when it is available.
  [[nodiscard]] const std::string& unavailable_reason() const { return unavailable_reason_; }

  // Records the start timestamp of `slot` into `commands`, outside a render
  // pass. Resets the slot's queries first, so a slot can be reused each frame.
  void record_start(VkCommandBuffer commands, std::uint32_t slot);

  // Records the end timestamp of `slot`, once all the timed work is recorded.
  void record_end(VkCommandBuffer commands, std::uint32_t slot);

  // Milliseconds between the start and end of `slot`'s last recording, or
  // nothing when the timer is unavailable or the slot was never recorded.
  // The caller must first wait for the submission that used the slot, for
  // example on its fence; this call then does not block.
  [[nodiscard]] std::optional<double> read_ms(std::uint32_t slot);

 private:
  void check_slot(std::uint32_t slot) const;

  const Context& context_;
  std::uint32_t slots_ = 0;
  // Nanoseconds per timestamp tick (VkPhysicalDeviceLimits::timestampPeriod).
  double period_ns_ = 0.0;
  // Masks a tick difference to the bits the queue really counts, so that a
  // counter narrower than 64 bits that wrapped between the two writes still
  // gives the right difference.
  std::uint64_t valid_mask_ = 0;
  std::string unavailable_reason_;
  UniqueQueryPool pool_;
  std::vector<bool> recorded_;
};

}  // namespace stillwater::render
