#include "support/render_fixture.hpp"

#include <catch2/catch.hpp>

namespace stillwater::test {

render::Context& shared_context() {
  static render::Context context([] {
    render::ContextOptions options;
    options.application_name = "Stillwater tests";
    options.validation = true;
    options.require_validation = true;
    return options;
  }());
  return context;
}

void require_no_new_validation_messages(std::uint32_t before) {
  const auto& report = shared_context().validation_report();
  INFO("Vulkan validation messages are logged above");
  REQUIRE(report.total() == before);
}

}  // namespace stillwater::test
