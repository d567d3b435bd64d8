// A version as what changed from the one before it: see text_delta.h.
#include "store/text_delta.h"

#include <algorithm>

#include "base/lang.h"

namespace jixiao::store {
namespace {

// A byte that continues a UTF-8 sequence (10xxxxxx): a cut before it would split a character.
bool Continues(std::string_view s, size_t at) {
  return at < s.size() && (static_cast<unsigned char>(s[at]) & 0xC0) == 0x80;
}

}  // namespace

TextDelta DeltaOf(std::string_view base, std::string_view text) {
  const size_t shorter = std::min(base.size(), text.size());
  size_t head =
      std::mismatch(base.begin(), base.begin() + shorter, text.begin()).first - base.begin();
  while (head > 0 && (Continues(text, head) || Continues(base, head))) --head;
  // The end is compared over what the head left, so the two kept parts never overlap.
  const size_t room = shorter - head;
  size_t tail =
      std::mismatch(base.rbegin(), base.rbegin() + room, text.rbegin()).first - base.rbegin();
  while (tail > 0 && (Continues(text, text.size() - tail) || Continues(base, base.size() - tail)))
    --tail;
  return TextDelta{head, tail, text.substr(head, text.size() - head - tail)};
}

Result<std::string> ApplyDelta(std::string_view base, size_t keep_head, size_t keep_tail,
                               std::string_view middle) {
  if (keep_head > base.size() || keep_tail > base.size() - keep_head) {
    return Status::Corruption(
        TrF("保存的差异要保留开头 {} 字节和结尾 {} 字节，但它所依据的文本只有 {} 字节",
            "a stored delta keeps {} bytes at the head and {} at the tail "
            "of a {}-byte base",
            keep_head, keep_tail, base.size()));
  }
  std::string out;
  out.reserve(keep_head + middle.size() + keep_tail);
  out.append(base.substr(0, keep_head));
  out.append(middle);
  out.append(base.substr(base.size() - keep_tail));
  return out;
}

}  // namespace jixiao::store
