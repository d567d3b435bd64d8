// The pieces every page of the web application is made of (defined in pages.cc): the layout
// with the navigation, sending a page, the 404 page, a status badge, the findings' counts and
// a form that web/app.js sends to the JSON API. Internal to src/server.
#pragma once

#include <string>
#include <string_view>

#include "server/internal.h"
#include "store/store.h"

namespace jixiao::server {

// The whole page: head (CSP-safe: the one script and style sheet), navigation, `body`.
std::string Layout(const Ctx& c, const std::string& title, std::string_view body);
void Send(Ctx& c, int status, const std::string& title, std::string_view body);
// "没有这个页面，或者您没有查看它的权限" with 404.
void NotFound(Ctx& c);
std::string StatusBadge(store::PackageStatus s);
std::string FindingCounts(const store::PackageSummary& s);
// A form whose fields app.js sends as JSON to `api` with `method`; then goes to `next` ("reload"
// reloads the page).
std::string ApiForm(const std::string& api, const std::string& method, const std::string& next,
                    const std::string& inner, const std::string& button,
                    const std::string& css = "");

}  // namespace jixiao::server
