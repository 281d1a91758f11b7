#pragma once

#include "render/context.hpp"

namespace stillwater::test {

// One Vulkan context for the whole test run, with validation required: a
// missing validation layer fails the tests instead of silently skipping it.
render::Context& shared_context();

// Fails the current test if validation reported anything since `before`.
void require_no_new_validation_messages(std::uint32_t before);

}  // namespace stillwater::test
