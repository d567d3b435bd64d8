// The language of messages: every text jixiao shows a person (errors, notes, help, table
// headings) exists in Chinese and in English, written side by side where it is made, and is
// picked by the language in force. The command line sets it from `--lang` (Chinese by
// default); a server sets it per request with ScopedMessageLanguage. The library's own
// default is English, so that a program that never chooses gets one language, not a mix.
//
// Example:
//   return Status::IOError(TrF("无法读取 {}：{}", "cannot read {}: {}", path, reason));
//   std::cout << Tr("全部内容已识别。", "Everything was recognised.");
//
// The language is per thread: SetMessageLanguage sets the process default (what new threads
// start with) and the calling thread's; ScopedMessageLanguage overrides it for one thread
// until the scope ends. Safe from any thread.
#pragma once

#include <fmt/format.h>

#include <string>
#include <string_view>
#include <utility>

namespace jixiao {

enum class Lang { kZh, kEn };

// The language in force on this thread.
Lang MessageLanguage();
inline bool MessagesInChinese() { return MessageLanguage() == Lang::kZh; }

// Sets the process default and this thread's language.
void SetMessageLanguage(Lang lang);

// Sets this thread's language for the lifetime of the object, then restores the previous one.
class ScopedMessageLanguage {
 public:
  explicit ScopedMessageLanguage(Lang lang);
  ~ScopedMessageLanguage();
  ScopedMessageLanguage(const ScopedMessageLanguage&) = delete;
  ScopedMessageLanguage& operator=(const ScopedMessageLanguage&) = delete;

 private:
  int previous_;
};

// The text in the language in force.
inline std::string_view Tr(std::string_view zh, std::string_view en) {
  return MessagesInChinese() ? zh : en;
}

// Formats the text in the language in force with {fmt}: "{}" placeholders take the arguments in
// order; where the two languages order them differently, number them ("{1} under {0}").
template <typename... Args>
std::string TrF(std::string_view zh, std::string_view en, Args&&... args) {
  return fmt::format(fmt::runtime(Tr(zh, en)), std::forward<Args>(args)...);
}

}  // namespace jixiao
