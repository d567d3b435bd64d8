// RenderDocument helpers (see document.h).
#include "render/document.h"

namespace jixiao {

const std::string& FontRole::chosen() const {
  static const std::string kNone;
  if (!family.empty()) return family;
  return families.empty() ? kNone : families.front();
}

}  // namespace jixiao
