// The language of messages: a process default and a per-thread override (base/lang.h).
#include "base/lang.h"

#include <atomic>

namespace jixiao {
namespace {

constexpr int kUnset = -1;
std::atomic<int> process_default{static_cast<int>(Lang::kEn)};
thread_local int thread_lang = kUnset;

}  // namespace

Lang MessageLanguage() {
  const int lang = thread_lang != kUnset ? thread_lang : process_default.load();
  return static_cast<Lang>(lang);
}

void SetMessageLanguage(Lang lang) {
  process_default.store(static_cast<int>(lang));
  thread_lang = static_cast<int>(lang);
}

ScopedMessageLanguage::ScopedMessageLanguage(Lang lang) : previous_(thread_lang) {
  thread_lang = static_cast<int>(lang);
}

ScopedMessageLanguage::~ScopedMessageLanguage() { thread_lang = previous_; }

}  // namespace jixiao
