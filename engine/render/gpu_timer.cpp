#include "render/gpu_timer.hpp"

#include "render/vk_check.hpp"

#include <fmt/format.h>

#include <array>
#include <stdexcept>

namespace stillwater::render {

namespace {

std::uint32_t queue_timestamp_bits(const Context& context) {
  std::uint32_t count = 0;
  vkGetPhysicalDeviceQueueFamilyProperties(context.physical_device(), &count, nullptr);
  std::vector<VkQueueFamilyProperties> families(count);
  vkGetPhysicalDeviceQueueFamilyProperties(context.physical_device(), &count, families.data());
  if (context.queue_family() >= families.size()) {
    throw std::logic_error(fmt::format("queue family {} is not among the device's {} queue families",
                                       context.queue_family(), families.size()));
  }
  return families[context.queue_family()].timestampValidBits;
}

}  // namespace

GpuTimer::GpuTimer(const Context& context, std::uint32_t slots)
    : context_(context), slots_(slots), recorded_(slots, false) {
  if (slots == 0) {
    throw std::invalid_argument("a GPU timer needs at least one slot");
  }

  const VkPhysicalDeviceLimits& limits = context.properties().limits;
  const std::uint32_t valid_bits = queue_timestamp_bits(context);
  // timestampComputeAndGraphics VK_TRUE promises timestamps on every graphics
  // queue; VK_FALSE leaves it to each queue family's timestampValidBits.
  if (valid_bits == 0) {
    unavailable_reason_ = fmt::format(
        "the graphics queue family reports timestampValidBits 0 (timestampComputeAndGraphics {})",
        limits.timestampComputeAndGraphics == VK_TRUE ? "true" : "false");
    return;
  }
  if (!(limits.timestampPeriod > 0.0F)) {
    unavailable_reason_ = fmt::format("the device reports timestampPeriod {}", limits.timestampPeriod);
    return;
  }
  period_ns_ = static_cast<double>(limits.timestampPeriod);
  valid_mask_ = valid_bits >= 64 ? ~std::uint64_t{0} : (std::uint64_t{1} << valid_bits) - 1;

  VkQueryPoolCreateInfo info{};
  info.sType = VK_STRUCTURE_TYPE_QUERY_POOL_CREATE_INFO;
  info.queryType = VK_QUERY_TYPE_TIMESTAMP;
  info.queryCount = 2 * slots;
  VkQueryPool pool = VK_NULL_HANDLE;
  vk_check(vkCreateQueryPool(context.device(), &info, nullptr, &pool),
           fmt::format("vkCreateQueryPool (GPU timer, {} timestamps)", info.queryCount));
  pool_ = UniqueQueryPool(context.device(), pool);
  context.set_name(pool, "GPU timer queries");
}

void GpuTimer::check_slot(std::uint32_t slot) const {
  if (slot >= slots_) {
    throw std::out_of_range(fmt::format("GPU timer slot {} is out of range; the timer has {} slots", slot, slots_));
  }
}

void GpuTimer::record_start(VkCommandBuffer commands, std::uint32_t slot) {
  check_slot(slot);
  if (!available()) {
    return;
  }
  vkCmdResetQueryPool(commands, pool_.get(), 2 * slot, 2);
  vkCmdWriteTimestamp(commands, VK_PIPELINE_STAGE_TOP_OF_PIPE_BIT, pool_.get(), 2 * slot);
}

void GpuTimer::record_end(VkCommandBuffer commands, std::uint32_t slot) {
  check_slot(slot);
  if (!available()) {
    return;
  }
  vkCmdWriteTimestamp(commands, VK_PIPELINE_STAGE_BOTTOM_OF_PIPE_BIT, pool_.get(), 2 * slot + 1);
  recorded_[slot] = true;
}

std::optional<double> GpuTimer::read_ms(std::uint32_t slot) {
  check_slot(slot);
  if (!available() || !recorded_[slot]) {
    return std::nullopt;
  }

  std::array<std::uint64_t, 2> ticks{};
  vk_check(vkGetQueryPoolResults(context_.device(), pool_.get(), 2 * slot, 2, sizeof(ticks), ticks.data(),
                                 sizeof(std::uint64_t), VK_QUERY_RESULT_64_BIT | VK_QUERY_RESULT_WAIT_BIT),
           fmt::format("vkGetQueryPoolResults (GPU timer slot {})", slot));
  const std::uint64_t elapsed_ticks = (ticks[1] - ticks[0]) & valid_mask_;
  return static_cast<double>(elapsed_ticks) * period_ns_ / 1.0e6;
}

}  // namespace stillwater::render
