// How the store keeps a saved version as what changed from the version before it (internal to
// src/store; the format is in docs/server.md, "Storage"). A version's text is the text of the
// version it is a delta against with a stretch in the middle replaced: the delta keeps the
// base's first `keep_head` bytes and its last `keep_tail` bytes, and between them puts
// `middle`. A save changes a figure or a sentence, so the stretch is a few bytes of a ~22 KB
// package. Pure functions; any thread.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "base/status.h"

namespace jixiao::store {

struct TextDelta {
  size_t keep_head = 0;     // bytes of the base kept at the start
  size_t keep_tail = 0;     // bytes of the base kept at the end
  std::string_view middle;  // what comes between them (a view into `text` of DeltaOf)
};

// The delta that makes `text` from `base`: their longest common start and, of what is left, the
// longest common end. Neither cut splits a UTF-8 sequence of `text` or of `base`, so `middle` of
// valid UTF-8 text is valid UTF-8 (PostgreSQL's TEXT takes nothing else).
// DeltaOf("执行数 124.88 万元", "执行数 124.98 万元") keeps 14 bytes at the head and 8 at the
// tail, with middle "9".
TextDelta DeltaOf(std::string_view base, std::string_view text);

// The text the delta makes from `base`; Corruption when the kept bytes do not fit in `base`
// (the delta was not made from this base).
Result<std::string> ApplyDelta(std::string_view base, size_t keep_head, size_t keep_tail,
                               std::string_view middle);

}  // namespace jixiao::store
