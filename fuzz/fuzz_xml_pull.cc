// libFuzzer target for the pull reader of XML (import/xml_pull.h), held to pugixml: any bytes
// give events or an error, never a crash or a hang; and where pugixml reads the text, XmlPull
// reads it too, with the same elements, attributes and text (fuzz/xml_events.h says how the
// two are compared). Texts XmlPull leaves to conversion (UTF-16, other declared encodings) and
// texts with a NUL byte (where pugixml stops reading) are only read, not compared.
// Seeds: fuzz/corpus/fuzz_xml_pull/.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "xml_events.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view xml(reinterpret_cast<const char*>(data), size);
  bool pull_ok = false;
  const auto pull = jixiao::xml_events::Pull(xml, &pull_ok);
  if (jixiao::XmlPull::NeedsConversion(xml) || xml.find('\0') != std::string_view::npos) return 0;
  bool pugi_ok = false;
  const auto pugi = jixiao::xml_events::Pugixml(xml, &pugi_ok);
  if (pugi_ok && (!pull_ok || pull != pugi)) std::abort();
  return 0;
}
