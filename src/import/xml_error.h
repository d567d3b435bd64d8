// The reason pugixml gives for XML it cannot parse, in the language in force (base/lang.h):
// "Start-end tags mismatch" / "开始标记与结束标记不匹配". The readers of Word and Excel files
// put it after the part and the byte offset: "x.docx: word/document.xml: byte 812: …".
//
// Pure function; safe from any thread.
#pragma once

#include <pugixml.hpp>
#include <string>

namespace jixiao {

std::string XmlErrorText(const pugi::xml_parse_result& result);

}  // namespace jixiao
