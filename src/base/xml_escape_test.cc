// XmlEscaped: the reserved characters and the control characters (xml_escape.h).
#include "base/xml_escape.h"

#include <gtest/gtest.h>

namespace jixiao {
namespace {

TEST(XmlEscaped, EntitiesAndNoControlCharacters) {
  EXPECT_EQ(XmlEscaped("a<b>&\"c\"'d'"), "a&lt;b&gt;&amp;&quot;c&quot;&#39;d&#39;");
  EXPECT_EQ(XmlEscaped(std::string("x\x01y\rz\t\n", 7)), "xyz\t\n");
  EXPECT_EQ(XmlEscaped("执行率 98.25%"), "执行率 98.25%");
}

}  // namespace
}  // namespace jixiao
