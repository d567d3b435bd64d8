// The events of an XML text as two readers see them, for holding XmlPull (import/xml_pull.h)
// to pugixml's reading (fuzz_xml_pull.cc, src/import/xml_pull_test.cc): "<name a=v …>",
// "</name>" and text, with each piece of text that is only blanks dropped (pugixml keeps one
// only as an element's sole child) and adjacent text joined. Every top-level element is read,
// as pugixml reads them. Iterative, so that deep nesting cannot exhaust the stack.
#pragma once

#include <pugixml.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "import/xml_pull.h"

namespace jixiao::xml_events {

inline bool Blank(std::string_view text) {
  return text.find_first_not_of(" \t\r\n") == std::string_view::npos;
}

inline void AddText(std::vector<std::string>* events, std::string_view text) {
  if (Blank(text)) return;
  if (!events->empty() && events->back()[0] == '"') {
    events->back().append(text);
  } else {
    events->push_back("\"" + std::string(text));
  }
}

// pugixml's tree (parse_default | parse_ws_pcdata_single, as the Office readers parse); false
// in *ok when it does not parse.
inline std::vector<std::string> Pugixml(std::string_view xml, bool* ok) {
  std::vector<std::string> events;
  pugi::xml_document doc;
  *ok = static_cast<bool>(
      doc.load_buffer(xml.data(), xml.size(), pugi::parse_default | pugi::parse_ws_pcdata_single));
  if (!*ok) return events;
  pugi::xml_node node = doc.first_child();
  while (node && node != doc) {
    if (node.type() == pugi::node_element) {
      std::string start = "<" + std::string(node.name());
      for (pugi::xml_attribute a = node.first_attribute(); a; a = a.next_attribute()) {
        start += " " + std::string(a.name()) + "=" + a.value();
      }
      events.push_back(start + ">");
    } else if ((node.type() == pugi::node_pcdata || node.type() == pugi::node_cdata) &&
               node.parent() != doc) {
      AddText(&events, node.value());
    }
    if (node.type() == pugi::node_element && node.first_child()) {
      node = node.first_child();
      continue;
    }
    // Up to the next sibling, closing the elements left.
    while (node && node != doc) {
      if (node.type() == pugi::node_element)
        events.push_back("</" + std::string(node.name()) + ">");
      if (node.next_sibling()) {
        node = node.next_sibling();
        break;
      }
      node = node.parent();
    }
  }
  return events;
}

// A value as pugixml hands it out: a C string, ended by the first NUL (which "&#0;" writes).
inline std::string_view AsCString(std::string_view value) {
  return value.substr(0, value.find('\0'));
}

// XmlPull's events; false in *ok when it stops at an error.
inline std::vector<std::string> Pull(std::string_view xml, bool* ok) {
  std::vector<std::string> events;
  XmlPull x(xml);
  while (true) {
    switch (x.Next()) {
      case XmlPull::Event::kStart: {
        std::string start = "<" + std::string(x.name());
        for (size_t i = 0; i < x.attribute_count(); ++i) {
          start += " " + std::string(x.attribute_name(i)) + "=" +
                   std::string(AsCString(x.attribute_value(i)));
        }
        events.push_back(start + ">");
        break;
      }
      case XmlPull::Event::kEnd:
        events.push_back("</" + std::string(x.name()) + ">");
        break;
      case XmlPull::Event::kText: {
        std::string text;
        x.AppendText(&text);
        AddText(&events, AsCString(text));
        break;
      }
      case XmlPull::Event::kDone:
        *ok = true;
        return events;
      case XmlPull::Event::kError:
        *ok = false;
        return events;
    }
  }
}

}  // namespace jixiao::xml_events
