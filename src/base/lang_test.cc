#include "base/lang.h"

#include <gtest/gtest.h>

#include <thread>

namespace jixiao {
namespace {

TEST(Lang, PicksTheTextOfTheLanguageInForce) {
  ScopedMessageLanguage zh(Lang::kZh);
  EXPECT_EQ(Tr("无法读取", "cannot read"), "无法读取");
  EXPECT_EQ(TrF("无法读取 {}：{}", "cannot read {}: {}", "a.json", "x"), "无法读取 a.json：x");
  {
    ScopedMessageLanguage en(Lang::kEn);
    EXPECT_EQ(TrF("无法读取 {}", "cannot read {}", "a.json"), "cannot read a.json");
  }
  EXPECT_TRUE(MessagesInChinese());
}

TEST(Lang, AScopedLanguageIsOnlyThisThreads) {
  ScopedMessageLanguage zh(Lang::kZh);
  Lang other = Lang::kZh;
  std::thread([&] { other = MessageLanguage(); }).join();
  EXPECT_EQ(other, Lang::kEn);  // the process default, untouched by a scope
}

}  // namespace
}  // namespace jixiao
