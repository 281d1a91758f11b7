#include "render/gpu_timer.hpp"
#include "support/render_fixture.hpp"

#include <catch2/catch.hpp>

#include <stdexcept>

using stillwater::render::GpuTimer;
using stillwater::test::require_no_new_validation_messages;
using stillwater::test::shared_context;

TEST_CASE("gpu timer reads a recorded slot", "[render][gpu_timer]") {
  auto& context = shared_context();
  const auto before = context.validation_report().total();
  GpuTimer timer(context, 2);

  // Lavapipe, which the tests run on, counts 64-bit timestamps.
  REQUIRE(timer.available());
  CHECK(timer.unavailable_reason().empty());
  CHECK_FALSE(timer.read_ms(0).has_value());

  context.submit_and_wait(
      [&](VkCommandBuffer commands) {
        timer.record_start(commands, 1);
        timer.record_end(commands, 1);
      },
      "GPU timer test");

  const auto elapsed = timer.read_ms(1);
  REQUIRE(elapsed.has_value());
  CHECK(*elapsed >= 0.0);
  CHECK_FALSE(timer.read_ms(0).has_value());
  require_no_new_validation_messages(before);
}

TEST_CASE("gpu timer slot reuse", "[render][gpu_timer]") {
  auto& context = shared_context();
  const auto before = context.validation_report().total();
  GpuTimer timer(context, 1);

  // Each recording resets its queries, so a slot can be used frame after frame.
  for (int frame = 0; frame < 3; ++frame) {
    context.submit_and_wait(
        [&](VkCommandBuffer commands) {
          timer.record_start(commands, 0);
          timer.record_end(commands, 0);
        },
        "GPU timer reuse test");
    REQUIRE(timer.read_ms(0).has_value());
  }
  require_no_new_validation_messages(before);
}

TEST_CASE("gpu timer rejects bad slots", "[render][gpu_timer]") {
  auto& context = shared_context();
  CHECK_THROWS_WITH(GpuTimer(context, 0), "a GPU timer needs at least one slot");

  GpuTimer timer(context, 2);
  CHECK_THROWS_WITH(timer.read_ms(2), "GPU timer slot 2 is out of range; the timer has 2 slots");
  CHECK_THROWS_AS(timer.record_start(VK_NULL_HANDLE, 5), std::out_of_range);
}
