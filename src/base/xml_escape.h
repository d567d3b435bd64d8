// Text written into XML or HTML: the characters those formats reserve become entities, and the
// control characters they do not allow are dropped. Shared by the HTML writer, the SVG charts
// and the server's pages. Pure functions; safe from any thread.
#pragma once

#include <string>
#include <string_view>

namespace jixiao {

// Content and attribute values alike: & < > " ' become entities; CR and the other C0 control
// characters but tab and newline are dropped. XmlEscaped("a<b") == "a&lt;b".
void AppendXmlEscaped(std::string* out, std::string_view text);
std::string XmlEscaped(std::string_view text);

}  // namespace jixiao
