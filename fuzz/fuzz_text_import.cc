// libFuzzer target for the text importer and the recognizer: any bytes are read as a
// flattened document, recognised into a package, written as JSON and read back, without
// crashing; the package written must parse.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "import/recognize.h"
#include "import/text_reader.h"
#include "model/package_json.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  jixiao::Result<jixiao::FlatDocument> doc = jixiao::ReadText(bytes, "fuzz.txt");
  if (!doc.ok()) {
    if (doc.status().message().rfind("fuzz.txt: ", 0) != 0) __builtin_trap();
    return 0;
  }
  const jixiao::ImportResult result = jixiao::Recognize(*doc);
  const std::string json = jixiao::WritePackageJson(result.package);
  if (!jixiao::ParsePackageJson(json, "again.json").ok()) __builtin_trap();
  return 0;
}
