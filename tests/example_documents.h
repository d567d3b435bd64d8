// Helpers for tests that need the worked example as rendered documents, and for tests that
// run the product as if a program were not installed.
//  * ComposeCorrectedExample: examples/lingling-kexie-2024-corrected.json prepared with
//    PrepareForRender and laid out with the lingling-2024 form, as `jixiao render` does;
//  * PathOverride: PATH replaced for the life of the object (for "LibreOffice is not
//    installed"), restored after.
#pragma once

#include <stdlib.h>

#include <cstdlib>
#include <string>

#include "base/status.h"
#include "model/package_json.h"
#include "render/compose.h"
#include "render/document.h"
#include "render/form.h"
#include "render/prepare.h"
#include "tests/test_support.h"

namespace jixiao::testing {

struct ComposedExample {
  PreparedPackage prepared;
  RenderDocument document;
};

inline Result<ComposedExample> ComposeCorrectedExample() {
  Result<Package> pkg =
      LoadPackageFile(SourceDir() + "/examples/lingling-kexie-2024-corrected.json");
  if (!pkg.ok()) return pkg.status();
  const Rulebook rb = LoadRulebook(pkg->rulebook.c_str());
  Result<Form> form = BundledForm("lingling-2024");
  if (!form.ok()) return form.status();
  ComposedExample out;
  out.prepared = PrepareForRender(*pkg, rb);
  Result<RenderDocument> doc = ComposeDocument(out.prepared, rb, *form);
  if (!doc.ok()) return doc.status();
  out.document = std::move(doc).value();
  return out;
}

class PathOverride {
 public:
  explicit PathOverride(const std::string& path) {
    if (const char* old = std::getenv("PATH")) old_ = old;
    ::setenv("PATH", path.c_str(), 1);
  }
  ~PathOverride() { ::setenv("PATH", old_.c_str(), 1); }
  PathOverride(const PathOverride&) = delete;
  PathOverride& operator=(const PathOverride&) = delete;

 private:
  std::string old_;
};

}  // namespace jixiao::testing
