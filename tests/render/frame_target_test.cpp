#include "render/frame_target.hpp"
#include "render/renderer.hpp"
#include "render/resources.hpp"
#include "support/render_fixture.hpp"

#include <catch2/catch.hpp>
#include <glm/glm.hpp>

#include <array>
#include <cstdint>
#include <cstring>
#include <memory>
#include <stdexcept>
#include <vector>

using namespace stillwater;
using stillwater::test::require_no_new_validation_messages;
using stillwater::test::shared_context;

namespace {

constexpr VkExtent2D kExtent{8, 6};

render::TargetFormat shared_format(const render::Context& context) {
  render::TargetFormat format;
  format.colour = VK_FORMAT_R8G8B8A8_SRGB;
  format.depth = render::choose_depth_format(context);
  format.samples = VK_SAMPLE_COUNT_4_BIT;
  format.final_layout = VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL;
  return format;
}

render::GpuImage final_image(const render::Context& context, const char* name) {
  render::ImageSpec spec;
  spec.format = VK_FORMAT_R8G8B8A8_SRGB;
  spec.extent = kExtent;
  spec.usage = VK_IMAGE_USAGE_COLOR_ATTACHMENT_BIT | VK_IMAGE_USAGE_TRANSFER_SRC_BIT;
  return render::create_image(context, spec, name);
}

void copy_to_buffer(VkCommandBuffer commands, const render::GpuImage& image, const render::HostBuffer& buffer) {
  VkBufferImageCopy region{};
  region.imageSubresource = {VK_IMAGE_ASPECT_COLOR_BIT, 0, 0, 1};
  region.imageExtent = {kExtent.width, kExtent.height, 1};
  vkCmdCopyImageToBuffer(commands, image.image.get(), VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL, buffer.buffer.get(), 1,
                         &region);
}

// True when every pixel of the buffer holds the RGBA bytes `expected`.
bool filled_with(const render::HostBuffer& buffer, const std::array<std::uint8_t, 4>& expected) {
  std::vector<std::uint8_t> pixels(static_cast<std::size_t>(buffer.size));
  std::memcpy(pixels.data(), buffer.mapped, pixels.size());
  for (std::size_t offset = 0; offset < pixels.size(); offset += 4) {
    if (std::memcmp(&pixels[offset], expected.data(), expected.size()) != 0) {
      return false;
    }
  }
  return true;
}

}  // namespace

TEST_CASE("frame targets share multisampled images", "[render][frame_target]") {
  auto& context = shared_context();
  const auto before = context.validation_report().total();
  const render::TargetFormat format = shared_format(context);
  const render::Renderer renderer(context, format);

  const auto attachments = std::make_shared<const render::MultisampleAttachments>(context, format, kExtent, "shared");
  const render::GpuImage first_image = final_image(context, "first final image");
  const render::GpuImage second_image = final_image(context, "second final image");
  const render::FrameTarget first(context, renderer.render_pass(), attachments, first_image.view.get(), "first");
  const render::FrameTarget second(context, renderer.render_pass(), attachments, second_image.view.get(), "second");
  CHECK(first.extent().width == kExtent.width);
  CHECK(second.extent().height == kExtent.height);

  const VkDeviceSize bytes = VkDeviceSize{kExtent.width} * kExtent.height * 4;
  const auto first_pixels = render::create_host_buffer(context, bytes, VK_BUFFER_USAGE_TRANSFER_DST_BIT, "first");
  const auto second_pixels = render::create_host_buffer(context, bytes, VK_BUFFER_USAGE_TRANSFER_DST_BIT, "second");

  // Two passes in a row through the same multisampled images, as two
  // swapchain images of one eye are drawn frame after frame; each final
  // image must keep its own colour.
  context.submit_and_wait(
      [&](VkCommandBuffer commands) {
        renderer.record_solid(commands, first, glm::vec4(1.0F, 0.0F, 0.0F, 1.0F));
        renderer.record_solid(commands, second, glm::vec4(0.0F, 0.0F, 1.0F, 1.0F));
        copy_to_buffer(commands, first_image, first_pixels);
        copy_to_buffer(commands, second_image, second_pixels);

        VkMemoryBarrier to_host{};
        to_host.sType = VK_STRUCTURE_TYPE_MEMORY_BARRIER;
        to_host.srcAccessMask = VK_ACCESS_TRANSFER_WRITE_BIT;
        to_host.dstAccessMask = VK_ACCESS_HOST_READ_BIT;
        vkCmdPipelineBarrier(commands, VK_PIPELINE_STAGE_TRANSFER_BIT, VK_PIPELINE_STAGE_HOST_BIT, 0, 1, &to_host, 0,
                             nullptr, 0, nullptr);
      },
      "shared attachments test");

  CHECK(filled_with(first_pixels, {255, 0, 0, 255}));
  CHECK(filled_with(second_pixels, {0, 0, 255, 255}));
  require_no_new_validation_messages(before);
}

TEST_CASE("frame target rejects missing attachments", "[render][frame_target]") {
  auto& context = shared_context();
  const render::Renderer renderer(context, shared_format(context));
  const render::GpuImage image = final_image(context, "unused final image");
  CHECK_THROWS_WITH(render::FrameTarget(context, renderer.render_pass(), nullptr, image.view.get(), "eye 0 image 0"),
                    "frame target eye 0 image 0 needs multisampled attachments");
}
