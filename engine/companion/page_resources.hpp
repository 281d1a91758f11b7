#pragma once

#include <string_view>

// The companion page's files, built into the program so it works offline.
// The build generates their definitions from engine/companion/page/.
namespace stillwater::companion::page {

extern const std::string_view index_html;
extern const std::string_view page_css;
extern const std::string_view page_js;

}  // namespace stillwater::companion::page
