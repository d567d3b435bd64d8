// RenderDocument helpers (see document.h).
#include "render/document.h"

namespace jixiao {

const std::string& FontRole::chosen() const {
  static const std::string kNone;
  if (!family.empty()) return family;
  return families.empty() ? kNone : families.front();
}

bool HasCover(const RenderDocument& doc) {
  return !doc.cover.title_lines.empty() || !doc.cover.details.empty();
}

bool CoverInBody(const RenderDocument& doc) {
  for (const Block& block : doc.body) {
    if (block.kind == Block::Kind::kCover) return true;
  }
  return false;
}

}  // namespace jixiao
